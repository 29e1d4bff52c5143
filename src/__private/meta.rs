//! What generated code tells the runtime about an API and its endpoints: `static` tables built
//! from the IR, read by the server and the client.

/// The envelope's field names.
#[derive(Debug)]
pub struct EnvelopeNames {
    /// Wire name of the result code.
    pub code: &'static str,
    /// Wire name of the message.
    pub message: &'static str,
    /// Wire name of the payload.
    pub data: &'static str,
}

/// How a request body is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`.
    Multipart,
}

impl Encoding {
    /// The media type a request of this encoding carries.
    pub const fn media_type(self) -> &'static str {
        match self {
            Encoding::Json => "application/json",
            Encoding::Form => "application/x-www-form-urlencoded",
            Encoding::Multipart => "multipart/form-data",
        }
    }
}

/// The characters a generated decoy value is drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charset {
    /// `0-9`.
    Digits,
    /// `0-9a-f`.
    Hex,
    /// `0-9A-Za-z`.
    Alphanumeric,
}

impl Charset {
    /// The characters, in order.
    pub const fn alphabet(self) -> &'static [u8] {
        match self {
            Charset::Digits => b"0123456789",
            Charset::Hex => b"0123456789abcdef",
            Charset::Alphanumeric => {
                b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
            }
        }
    }
}

/// The value of a decoy field.
#[derive(Clone, Copy, Debug)]
pub enum DecoyValue {
    /// The same value in every request.
    Fixed(&'static str),
    /// A fresh value per request.
    Generated {
        /// The characters it is drawn from.
        charset: Charset,
        /// How many characters.
        length: usize,
    },
}

impl DecoyValue {
    /// True when `value` is what a client following the spec may send. A generated decoy
    /// only has to be present and non-empty: the real app draws its own values, whose form the
    /// spec cannot know, and a server must accept them.
    pub fn admits(&self, value: &str) -> bool {
        match *self {
            DecoyValue::Fixed(expected) => value == expected,
            DecoyValue::Generated { .. } => !value.is_empty(),
        }
    }
}

/// A decoy field.
#[derive(Debug)]
pub struct Decoy {
    /// The wire name.
    pub wire: &'static str,
    /// Its value.
    pub value: DecoyValue,
}

impl Decoy {
    /// A decoy with the same value in every request: one line of a generated table.
    pub const fn fixed(wire: &'static str, value: &'static str) -> Decoy {
        Decoy {
            wire,
            value: DecoyValue::Fixed(value),
        }
    }

    /// A decoy with a fresh value of `length` characters of `charset` per request.
    pub const fn generated(wire: &'static str, charset: Charset, length: usize) -> Decoy {
        Decoy {
            wire,
            value: DecoyValue::Generated { charset, length },
        }
    }
}

/// How one app build disguises an endpoint.
#[derive(Debug)]
pub struct Disguise {
    /// The variant's name.
    pub variant: &'static str,
    /// The public path.
    pub public_path: &'static str,
    /// The decoys sent with every request.
    pub decoys: &'static [Decoy],
    /// How a request proves its session; `None` for an endpoint open without one.
    pub session: Option<SessionHeader>,
}

/// How an app build sends its session credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionHeader {
    /// The request header.
    pub header: &'static str,
    /// The scheme written before the credential in the header's value (`Bearer`), if any.
    pub scheme: Option<&'static str>,
}

/// An endpoint's session, the credential alone in `header`: one line of a generated table.
pub const fn session(header: &'static str) -> Option<SessionHeader> {
    Some(SessionHeader {
        header,
        scheme: None,
    })
}

/// An endpoint's session, the credential after `scheme` (`Bearer`) in `header`.
pub const fn session_with_scheme(
    header: &'static str,
    scheme: &'static str,
) -> Option<SessionHeader> {
    Some(SessionHeader {
        header,
        scheme: Some(scheme),
    })
}

/// What the server must do with decoys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecoyPolicy {
    /// Accept requests with or without them; never pass them to user code.
    Ignore,
    /// Reject a request whose decoys are missing or wrong, with a generic error.
    Verify,
}

/// Which HTTP status a failure is answered with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HttpStatusPolicy {
    /// `200 OK` for every answer; the envelope's code tells success from failure, as these
    /// apps expect.
    AlwaysOk,
    /// A status that matches the failure: 400, 401, 404, 405, 408, 413, 415, 500 or 503.
    Mapped,
}

/// The envelope codes of the server's own failures.
#[derive(Debug)]
pub struct ErrorCodes {
    /// Malformed body, wrong types, missing field, rejected decoys, wrong method.
    pub bad_request: &'static str,
    /// Unknown path.
    pub not_found: &'static str,
    /// A content type other than the endpoint's encoding.
    pub unsupported_media_type: &'static str,
    /// A body over the limit.
    pub payload_too_large: &'static str,
    /// A failure of the server itself.
    pub internal: &'static str,
    /// Past the limit of requests in flight, or past the handler time limit.
    pub busy: &'static str,
    /// No session, or a refused credential, on an endpoint that needs a session.
    pub unauthorized: &'static str,
}

/// The server's side of the spec.
#[derive(Debug)]
pub struct ServerPolicy {
    /// What to do with decoys.
    pub decoys: DecoyPolicy,
    /// Which HTTP statuses to answer with.
    pub http_status: HttpStatusPolicy,
    /// The largest JSON or form body, in bytes.
    pub body_limit: usize,
    /// The largest multipart body, in bytes.
    pub upload_limit: usize,
    /// The envelope message of a success.
    pub success_message: &'static str,
    /// The codes of the server's own failures.
    pub codes: ErrorCodes,
}

/// An API, as a whole.
#[derive(Debug)]
pub struct Api {
    /// Its short name.
    pub name: &'static str,
    /// The envelope's field names.
    pub envelope: EnvelopeNames,
    /// The server's side of the spec.
    pub server: ServerPolicy,
}

/// One endpoint, as the server sees it.
#[derive(Debug)]
pub struct Endpoint {
    /// The backend's own route; named in tracing spans and, on request, routed.
    pub real_name: &'static str,
    /// How the request body is encoded.
    pub encoding: Encoding,
    /// The code a success is answered with.
    pub success_code: &'static str,
    /// Whether a success carries `data`.
    pub has_data: bool,
    /// One disguise per app build.
    pub disguises: &'static [Disguise],
}

/// One endpoint, as a client sees it. It holds no real name: a client binary must not carry the
/// backend's routes, or the disguise is undone by `strings`.
#[derive(Debug)]
pub struct ClientEndpoint {
    /// The envelope's field names, one `static` per API that every endpoint refers to.
    pub envelope: &'static EnvelopeNames,
    /// The public path, in the variant the client was generated for.
    pub public_path: &'static str,
    /// How the request body is encoded.
    pub encoding: Encoding,
    /// The codes that mean success.
    pub success_codes: &'static [&'static str],
    /// The decoys to send.
    pub decoys: &'static [Decoy],
    /// How to send the session credential; `None` for an endpoint open without one.
    pub session: Option<SessionHeader>,
}
