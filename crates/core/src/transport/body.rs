//! Reading a streamed response body: one network chunk at a time into SSE events, with the idle
//! limit between chunks.
use crate::error::{ApiCallError, CallError};
use crate::protocols::ProtocolRequest;
use crate::secret::{scrub, Secret};
use crate::sse::{SseDecoder, SseEvent};
use crate::timeouts::{TimeoutKind, Timeouts};

use super::client::error_chain;

/// The response body as SSE events, read one network chunk at a time.
pub struct BodyReader {
    pub response: reqwest::Response,
    pub sse: SseDecoder,
    /// Events decoded and not yet taken.
    pub events: Vec<SseEvent>,
}

impl BodyReader {
    pub fn new(response: reqwest::Response) -> Self {
        BodyReader {
            response,
            sse: SseDecoder::new(),
            events: Vec::new(),
        }
    }

    /// Reads one chunk into `events`; `Ok(false)` at the end of the body. A stall longer than the
    /// idle limit and a broken connection are errors.
    pub async fn read(
        &mut self,
        req: &ProtocolRequest,
        key: Option<&Secret>,
        timeouts: Timeouts,
    ) -> Result<bool, CallError> {
        let url = || scrub(key, &req.url);
        let next = tokio::time::timeout(timeouts.idle(), self.response.chunk())
            .await
            .map_err(|_| CallError::Timeout {
                kind: TimeoutKind::Idle,
                after_ms: timeouts.idle().as_millis() as u64,
                url: url(),
            })?;
        match next {
            Ok(Some(bytes)) => {
                self.sse.feed(&bytes, &mut self.events);
                Ok(true)
            }
            Ok(None) => Ok(false),
            Err(e) => Err(CallError::ApiCall(Box::new(ApiCallError {
                message: format!(
                    "Failed to process successful response: {}",
                    scrub(key, &error_chain(&e))
                ),
                url: url(),
                request_body_values: req.body.clone(),
                status_code: Some(200),
                response_headers: None,
                response_body: None,
                is_retryable: true,
                data: None,
            }))),
        }
    }
}
