//! A JS string argument read into Rust in one pass. napi-rs's `String` asks V8 for the UTF-8
//! length first (a scan of the whole string) and then copies into a zeroed buffer: for a coding
//! agent's call options (megabytes of history, every step) that is two passes on the main thread.
//! Here the buffer is sized from the UTF-16 length, which V8 knows without a scan, for the worst
//! case (three bytes per unit), and filled by the one copy; the buffer is one an earlier call gave
//! back when there is one (`llm_native_core::text_buffers`).
use std::ffi::c_char;
use std::ptr;

use napi::bindgen_prelude::{FromNapiValue, TypeName, ValidateNapiValue, ValueType};
use napi::{sys, Error, Status};

/// A string argument, as UTF-8.
pub struct JsText(pub String);

impl TypeName for JsText {
    fn type_name() -> &'static str {
        "String"
    }

    fn value_type() -> ValueType {
        ValueType::String
    }
}

impl ValidateNapiValue for JsText {}

fn status(code: sys::napi_status) -> napi::Result<()> {
    match code {
        sys::Status::napi_ok => Ok(()),
        code => Err(Error::new(
            Status::from(code),
            "the argument is not a string",
        )),
    }
}

impl FromNapiValue for JsText {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        let mut units = 0;
        // SAFETY: a null buffer asks for the length only (in UTF-16 code units, no scan).
        status(unsafe {
            sys::napi_get_value_string_utf16(env, value, ptr::null_mut(), 0, &mut units)
        })?;
        // At most three UTF-8 bytes per UTF-16 unit (a surrogate pair is two units, four bytes),
        // and one for the terminator V8 writes.
        let capacity = units * 3 + 1;
        // (A buffer an earlier call gave back: its pages are mapped already.)
        let mut bytes = llm_native_core::text_buffers::take_for_options(capacity);
        let mut written = 0;
        // SAFETY: V8 writes at most `capacity` bytes into the buffer (then sets `written`, the
        // bytes before the terminator); pages of the worst-case capacity that are not written
        // are never touched.
        status(unsafe {
            sys::napi_get_value_string_utf8(
                env,
                value,
                bytes.as_mut_ptr().cast::<c_char>(),
                capacity,
                &mut written,
            )
        })?;
        // SAFETY: the first `written` bytes were initialised by V8.
        unsafe { bytes.set_len(written.min(capacity)) };
        // (V8 writes lone surrogates as U+FFFD, so this check does not fail; it costs a fast pass.)
        String::from_utf8(bytes)
            .map(JsText)
            .map_err(|e| Error::new(Status::StringExpected, e.to_string()))
    }
}
