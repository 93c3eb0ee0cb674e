//! Apple App Attest ([Validating apps that connect to your server]).
//!
//! [Validating apps that connect to your server]:
//!     https://developer.apple.com/documentation/devicecheck/validating-apps-that-connect-to-your-server
