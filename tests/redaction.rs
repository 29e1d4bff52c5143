//! `Debug` of every generated type that holds the seed's personal data prints a redaction, not
//! the data: all 13 requests with the seed's values, and every answer of the seed document.

mod common;

use common::crapido::*;
use common::*;

fn request<T: serde::de::DeserializeOwned>(endpoint: &Endpoint) -> T {
    serde_json::from_value(good_json(endpoint)).unwrap()
}

#[test]
fn no_generated_type_prints_personal_data() {
    let upload = UploadImageRequest {
        attach: veil::FilePart::new(JPEG.to_vec(), "front.jpg", "image/jpeg"),
        r#type: ImageKind::IdFront,
    };
    let printed = [
        format!("{:?}", request::<CreditInfoRequest>(&CREDIT_INFO)),
        format!("{:?}", request::<SaveCreditInfoRequest>(&SAVE_CREDIT_INFO)),
        format!(
            "{:?}",
            request::<BasicPersonInfoRequest>(&BASIC_PERSON_INFO)
        ),
        format!("{upload:?}"),
        format!("{:?}", request::<SaveBasicInfoRequest>(&SAVE_BASIC_INFO)),
        format!("{:?}", request::<PersonalInfoRequest>(&PERSONAL_INFO)),
        format!(
            "{:?}",
            request::<SavePersonalInfoRequest>(&SAVE_PERSONAL_INFO)
        ),
        format!("{:?}", request::<JobInfoRequest>(&JOB_INFO)),
        format!("{:?}", request::<SaveJobInfoRequest>(&SAVE_JOB_INFO)),
        format!("{:?}", request::<ExtInfoRequest>(&EXT_INFO)),
        format!("{:?}", request::<SaveExtInfoRequest>(&SAVE_EXT_INFO)),
        format!("{:?}", request::<CardInitRequest>(&CARD_INIT)),
        format!("{:?}", request::<BindCardNewRequest>(&BIND_CARD_NEW)),
        format!("{:?}", seed_data::<FormData>("01-credit-info.json")),
        format!(
            "{:?}",
            seed_data::<PersonDocuments>("03-basic-person-info.json")
        ),
        format!("{:?}", seed_data::<UploadResult>("04-upload-image.json")),
        format!("{:?}", seed_data::<FormData>("06-personal-info.json")),
        format!("{:?}", seed_data::<FormData>("08-job-info.json")),
        format!("{:?}", seed_data::<ContactsData>("10-ext-info.json")),
        format!("{:?}", seed_data::<FormData>("12-card-init.json")),
    ]
    .join("\n");
    for secret in [
        MOBILE,
        CURP,
        NAME,
        CLABE,
        EMAIL,
        BIRTHDAY,
        HOME_CITY,
        COMPANY_PHONE,
        SECOND_MOBILE,
        "MARICELA",
        "8553465753",
        "aliyuncs.com",
        "hhhh",
    ] {
        assert!(
            !printed.contains(secret),
            "Debug shows `{secret}`:\n{printed}"
        );
    }
    // What is not personal stays readable, and redactions are marked.
    assert!(printed.contains("product_id: \"2\""), "{printed}");
    assert!(printed.contains("mobile: <redacted>"), "{printed}");
    assert!(printed.contains("attach: <redacted>"), "{printed}");
}
