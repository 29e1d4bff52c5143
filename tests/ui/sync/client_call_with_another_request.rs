//! A client method takes its own endpoint's request type only: `job_info` called with the
//! request of `credit_info` (which has the same fields) does not compile.

mod crapido {
    veil::generate!("../../../spec/crapido.yaml");
}

use crapido::{CertifyClient, CreditInfoRequest};

fn main() {
    let client = CertifyClient::new("http://127.0.0.1:8080").expect("a valid base URL");
    let request = CreditInfoRequest {
        mobile: "5512345678".to_owned(),
        product_id: "1".to_owned(),
    };
    let _ = async move { client.job_info(&request).await };
}
