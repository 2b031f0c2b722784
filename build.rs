fn main() {
    // Only the Node addon needs N-API link settings.
    if std::env::var_os("CARGO_FEATURE_NODE").is_some() {
        napi_build::setup();
    }
}
