//! Hooks for veil's own benchmarks (`benches/client_codec.rs`): the work a generated client
//! does around the network round trip, reachable without a server. Not an API.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::__private::meta::ClientEndpoint;
use crate::client::ClientError;
use crate::client::{encode, transport};
use crate::validate::Validate;

/// The JSON body a call to `endpoint` sends for `request`: the steps of `Transport::send`
/// before the HTTP request is built, in its order (the spec's constraints when `validate`, the
/// decoys' values, the request with its decoys).
pub fn encode_json<Req: Serialize + Validate>(
    endpoint: &'static ClientEndpoint,
    request: &Req,
    validate: bool,
) -> Result<Vec<u8>, ClientError> {
    if validate {
        request.validate().map_err(ClientError::Invalid)?;
    }
    encode::json(request, encode::each_decoy(endpoint.decoys))
}

/// What a call to an endpoint that answers data makes of a 2xx answer: the code of
/// `Transport::call`.
pub fn decode<Data: DeserializeOwned>(
    endpoint: &'static ClientEndpoint,
    status: u16,
    body: &[u8],
) -> Result<Data, ClientError> {
    transport::read_data(endpoint, status, body)
}

/// What a call to an endpoint that answers no data makes of a 2xx answer: the code of
/// `Transport::call_without_data`.
pub fn decode_without_data(
    endpoint: &'static ClientEndpoint,
    status: u16,
    body: &[u8],
) -> Result<(), ClientError> {
    transport::success_envelope(endpoint, status, body).map(drop)
}
