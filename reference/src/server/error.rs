//! Every error the API answers with, in the contract's error body.
//!
//! Choices where the contract is silent (stated in ARCHITECTURE.md): an unknown id is `404` with
//! code `404.01`, a URI too long `414 414.01`, a header section too large `431 431.01`; a request body over the limit, too deeply nested, not JSON or not
//! `application/json` is `400 400.01`; a request that runs out of time is `503 500.3`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use vum_spec::error::{ErrorBody, ErrorCode};

/// The most of `details` an error body carries (the contract's String2000).
const DETAILS_MAX: usize = 2000;

/// An error answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// 400 `400.01`: the request has the wrong structure.
    Invalid(String),
    /// 400 `400.02`: a mandatory field or header is missing.
    Incomplete(String),
    /// 401, no body: not authorised.
    Unauthorized,
    /// 404 `404.01`: no such profile (or path).
    NotFound(String),
    /// 429 `429.01` with `Retry-After` in seconds.
    TooMany(u64),
    /// 429 `429.01`: the details of one question are used up (no `Retry-After`: waiting does not
    /// help; a new question does).
    DetailLimit(usize),
    /// 503 `500.3`: maintenance or out of time.
    Unavailable(String),
    /// 414 `414.01`: the request's URI is longer than this many bytes.
    UriTooLong(usize),
    /// 431 `431.01`: the request's header section is larger than the node reads (the details say
    /// which limit).
    HeadersTooLarge(String),
    /// 500 `500.1`: an internal failure; what it was goes to the operator's log, not the caller.
    Internal,
}

/// The code of an unknown id (the published table has none).
pub const NOT_FOUND_CODE: &str = "404.01";
/// The code of a URI that is too long (the published table has none).
pub const URI_TOO_LONG_CODE: &str = "414.01";
/// The code of a header section that is too large (the published table has none).
pub const HEADERS_TOO_LARGE_CODE: &str = "431.01";

fn truncate(mut text: String) -> String {
    if text.len() > DETAILS_MAX {
        let mut end = DETAILS_MAX - 3;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push_str("...");
    }
    text
}

fn json(status: StatusCode, body: &ErrorBody) -> Response {
    let text = serde_json::to_string(body).unwrap_or_else(|_| "{}".to_owned());
    let mut response = (status, text).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            Self::Invalid(details) => json(
                StatusCode::BAD_REQUEST,
                &ErrorCode::OngeldigeAanroep.body(truncate(details)),
            ),
            Self::Incomplete(details) => json(
                StatusCode::BAD_REQUEST,
                &ErrorCode::OnvolledigeAanroep.body(truncate(details)),
            ),
            Self::Unauthorized => StatusCode::UNAUTHORIZED.into_response(),
            Self::NotFound(details) => json(
                StatusCode::NOT_FOUND,
                &ErrorBody {
                    code: NOT_FOUND_CODE.to_owned(),
                    message: "Niet gevonden".to_owned(),
                    details: Some(truncate(details)),
                },
            ),
            Self::TooMany(seconds) => {
                let mut response = json(
                    StatusCode::TOO_MANY_REQUESTS,
                    &ErrorCode::LimietOverschreden.body(format!(
                        "te veel verzoeken; probeer het over {seconds} s opnieuw"
                    )),
                );
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                response
            }
            Self::DetailLimit(max) => json(
                StatusCode::TOO_MANY_REQUESTS,
                &ErrorCode::LimietOverschreden.body(format!(
                    "per zoekvraag zijn maximaal {max} details op te vragen"
                )),
            ),
            Self::Unavailable(details) => json(
                StatusCode::SERVICE_UNAVAILABLE,
                &ErrorCode::ServiceNietBeschikbaar.body(truncate(details)),
            ),
            Self::UriTooLong(max) => json(
                StatusCode::URI_TOO_LONG,
                &ErrorBody {
                    code: URI_TOO_LONG_CODE.to_owned(),
                    message: "URI te lang".to_owned(),
                    details: Some(format!("het pad met de query is langer dan {max} bytes")),
                },
            ),
            Self::HeadersTooLarge(details) => json(
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                &ErrorBody {
                    code: HEADERS_TOO_LARGE_CODE.to_owned(),
                    message: "Headers te groot".to_owned(),
                    details: Some(truncate(details)),
                },
            ),
            Self::Internal => json(
                StatusCode::INTERNAL_SERVER_ERROR,
                &ErrorCode::InterneServerfout.body("het verzoek kon niet worden verwerkt"),
            ),
        }
    }
}
