//! The backend through the generated clients, against the server on 127.0.0.1:0, logged in:
//! stored values come back in the inits, photos are served at the URLs answered to their
//! owner's session only, a second bind replaces the first, and bad input is refused without
//! echoing it.

mod common;

use common::{MOBILE, OTHER_MOBILE, PRODUCT, clients, http_get, start_server, unchecked_clients};
use generated_demo::backend::codes;
use generated_demo::crapido::*;
use generated_demo::credential::TOKEN_HEADER;
use generated_demo::walk::persona;
use veil::FilePart;
use veil::client::ClientError;

fn item<'a>(form: &'a FormData, code: &str) -> &'a FormItem {
    form.items
        .iter()
        .find(|item| item.code.as_deref() == Some(code))
        .unwrap_or_else(|| panic!("no item {code}"))
}

fn choice(code: i64) -> ChoiceValue {
    ChoiceValue(code.to_string())
}

fn api_code(err: ClientError) -> (String, String) {
    match err {
        ClientError::Api { code, message } => (code, message),
        other => panic!("expected an API error, got {other}"),
    }
}

/// veil's code for a request that breaks the spec's constraints (spec/crapido.yaml's
/// `bad_request`): the generated server checks them before the backend runs.
const SPEC_VIOLATION: &str = "400";

/// `err` is an envelope refusing `field`, by the spec's constraints or the backend's own
/// checks, and its message repeats none of `values`.
fn assert_refused(err: ClientError, field: &str, values: &[&str]) -> String {
    let (code, message) = api_code(err);
    assert!(
        [SPEC_VIOLATION, codes::INVALID_INPUT, codes::CARD_MISMATCH].contains(&code.as_str()),
        "{code}: {message}"
    );
    assert!(message.contains(field), "names `{field}`: {message}");
    for value in values {
        assert!(!message.contains(value), "echoes a value: {message}");
    }
    code
}

fn credit_answers(answer: i64) -> SaveCreditInfoRequest {
    SaveCreditInfoRequest {
        is_borrowed_far: choice(answer),
        is_network_loan: choice(answer),
        is_outstanding: choice(answer),
        is_overdue_maximum: choice(answer),
        is_overdue_year: choice(answer),
        order_no: persona::ORDER_NO.into(),
        product_id: PRODUCT.into(),
    }
}

fn personal_data() -> SavePersonalInfoRequest {
    SavePersonalInfoRequest {
        birthday: persona::BIRTHDAY.into(),
        children_num: choice(3),
        education: choice(2),
        email: persona::EMAIL.into(),
        home_city: persona::HOME_CITY.into(),
        idcardnumber: persona::CURP.into(),
        marriage: choice(4),
        sex: choice(2),
        order_no: persona::ORDER_NO.into(),
        product_id: PRODUCT.into(),
    }
}

fn bind(bank_type: BankAccountType, number: &str, bank: i64) -> BindCardNewRequest {
    BindCardNewRequest {
        bank_code: choice(bank),
        card_no: number.into(),
        confirm_card_no: Some(number.into()),
        product_id: PRODUCT.into(),
        order_no: None,
        user_name: None,
        bank_type,
    }
}

fn card_init() -> CardInitRequest {
    CardInitRequest {
        mobile: Some(MOBILE.into()),
        product_id: PRODUCT.into(),
    }
}

#[tokio::test]
async fn questionnaire_init_shows_the_saved_answers() {
    let server = start_server().await;
    let token = server.log_in(MOBILE).await;
    let (certify, _) = clients(server.base_url(), Some(&token));
    let init = CreditInfoRequest {
        mobile: MOBILE.into(),
        product_id: PRODUCT.into(),
    };
    let before = certify.credit_info(&init).await.unwrap();
    assert_eq!(before.items.len(), 5, "the seed's five questions");
    assert!(before.items.iter().all(|item| item.status == 0));

    certify.save_credit_info(&credit_answers(2)).await.unwrap();

    let after = certify.credit_info(&init).await.unwrap();
    for item in &after.items {
        assert_eq!(item.status, 1, "{:?}", item.code);
        assert_eq!(item.value.as_deref(), Some("2"), "{:?}", item.code);
    }
    // Another product sees nothing of it; nor does another applicant, in their own session.
    let other_product = CreditInfoRequest {
        mobile: MOBILE.into(),
        product_id: "3".into(),
    };
    let form = certify.credit_info(&other_product).await.unwrap();
    assert!(form.items.iter().all(|item| item.status == 0));
    let other_token = server.log_in(OTHER_MOBILE).await;
    let (other_certify, _) = clients(server.base_url(), Some(&other_token));
    let other = CreditInfoRequest {
        mobile: OTHER_MOBILE.into(),
        product_id: PRODUCT.into(),
    };
    let form = other_certify.credit_info(&other).await.unwrap();
    assert!(form.items.iter().all(|item| item.status == 0));
    // And asking for the other applicant's form in one's own session is refused.
    let err = certify.credit_info(&other).await.unwrap_err();
    let (code, message) = api_code(err);
    assert_eq!(code, codes::NOT_YOURS);
    assert!(!message.contains(OTHER_MOBILE), "{message}");
}

#[tokio::test]
async fn personal_and_job_inits_show_the_saved_values() {
    let server = start_server().await;
    let token = server.log_in(MOBILE).await;
    let (certify, _) = clients(server.base_url(), Some(&token));
    certify.save_personal_info(&personal_data()).await.unwrap();
    let personal = certify
        .personal_info(&PersonalInfoRequest {
            mobile: MOBILE.into(),
            product_id: PRODUCT.into(),
        })
        .await
        .unwrap();
    for (code, value) in [
        ("birthday", persona::BIRTHDAY),
        ("sex", "2"),
        ("idcardnumber", persona::CURP),
        ("email", persona::EMAIL),
        ("marriage", "4"),
        ("children_num", "3"),
        ("education", "2"),
    ] {
        let item = item(&personal, code);
        assert_eq!(item.status, 1, "{code}");
        assert_eq!(item.value.as_deref(), Some(value), "{code}");
    }

    let job = SaveJobInfoRequest {
        company_address: persona::COMPANY_ADDRESS.into(),
        company_full_address: persona::COMPANY_FULL_ADDRESS.into(),
        company_name: persona::COMPANY_NAME.into(),
        company_phone: persona::COMPANY_PHONE.into(),
        industry: choice(3),
        job_type: choice(2),
        monthly_income: choice(1),
        order_no: persona::ORDER_NO.into(),
        product_id: PRODUCT.into(),
        salary_day: "3".into(),
        salary_day_1: "1".into(),
        salary_type: choice(1),
    };
    certify.save_job_info(&job).await.unwrap();
    let form = certify
        .job_info(&JobInfoRequest {
            mobile: MOBILE.into(),
            product_id: PRODUCT.into(),
        })
        .await
        .unwrap();
    for (code, value) in [
        ("industry", "3"),
        ("job_type", "2"),
        ("monthly_income", "1"),
    ] {
        let item = item(&form, code);
        assert_eq!(
            (item.status, item.value.as_deref()),
            (1, Some(value)),
            "{code}"
        );
    }
}

#[tokio::test]
async fn contacts_init_shows_the_saved_contacts() {
    let server = start_server().await;
    let token = server.log_in(MOBILE).await;
    let (certify, _) = clients(server.base_url(), Some(&token));
    let init = ExtInfoRequest {
        mobile: MOBILE.into(),
        product_id: PRODUCT.into(),
    };
    let before = certify.ext_info(&init).await.unwrap().emergent;
    assert_eq!(before.lineal_list.len(), 7, "the seed's relations");
    assert_eq!(before.lineal_name, "");

    let save = SaveExtInfoRequest {
        first_mobile: persona::FIRST_CONTACT_MOBILE.into(),
        first_name: persona::FIRST_CONTACT_NAME.into(),
        first_relation: choice(5),
        product_id: PRODUCT.into(),
        second_mobile: persona::SECOND_CONTACT_MOBILE.into(),
        second_name: persona::SECOND_CONTACT_NAME.into(),
        second_relation: choice(6),
    };
    certify.save_ext_info(&save).await.unwrap();
    let after = certify.ext_info(&init).await.unwrap().emergent;
    assert_eq!(after.lineal_name, persona::FIRST_CONTACT_NAME);
    assert_eq!(after.lineal_mobile, persona::FIRST_CONTACT_MOBILE);
    assert_eq!(after.lineal_relation, choice(5));
    assert_eq!(after.other_name, persona::SECOND_CONTACT_NAME);
    assert_eq!(after.other_mobile, persona::SECOND_CONTACT_MOBILE);
    assert_eq!(after.other_relation, choice(6));
}

#[tokio::test]
async fn uploads_are_served_and_shown_with_the_corrected_id_data() {
    let server = start_server().await;
    let token = server.log_in(MOBILE).await;
    let (certify, _) = clients(server.base_url(), Some(&token));
    let init = BasicPersonInfoRequest {
        mobile: MOBILE.into(),
        product_id: PRODUCT.into(),
    };
    let before = certify.basic_person_info(&init).await.unwrap();
    for photo in [
        &before.hands,
        &before.id_front,
        &before.id_back,
        &before.liveness,
    ] {
        assert_eq!((photo.status, photo.url.as_deref()), (0, None));
    }

    let front = certify
        .upload_image(&UploadImageRequest {
            attach: FilePart::new(persona::PHOTO, "front.jpg", "image/jpeg"),
            r#type: ImageKind::IdFront,
        })
        .await
        .unwrap();
    assert!(front.status);
    assert_eq!(front.is_need_pop, 1, "the demo's OCR cannot read the front");
    let files_prefix = format!("{}/files/", server.base_url());
    assert!(front.url.starts_with(&files_prefix), "{}", front.url);

    let session = [(TOKEN_HEADER, token.as_str())];
    let served = http_get(&front.url, &session).await;
    assert_eq!(served.status, 200);
    assert_eq!(served.header("content-type"), Some("image/jpeg"));
    assert_eq!(served.body, persona::PHOTO);
    // The lanaya build's form of the credential is read too.
    let bearer = format!("Bearer {token}");
    let served = http_get(&front.url, &[("Authorization", bearer.as_str())]).await;
    assert_eq!(served.status, 200);
    assert_eq!(
        http_get(&format!("{files_prefix}{}", "0".repeat(32)), &session)
            .await
            .status,
        404
    );
    assert_eq!(
        http_get(&format!("{files_prefix}1"), &session).await.status,
        404
    );
    // Without a session: the unauthorized envelope. Another applicant's session: as if the
    // photo did not exist.
    let anonymous = http_get(&front.url, &[]).await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(anonymous.envelope()["code"], codes::UNAUTHORIZED);
    assert_ne!(anonymous.body, persona::PHOTO);
    let other_token = server.log_in(OTHER_MOBILE).await;
    let other = http_get(&front.url, &[(TOKEN_HEADER, other_token.as_str())]).await;
    assert_eq!(other.status, 404);
    assert_ne!(other.body, persona::PHOTO);

    let uploaded = certify.basic_person_info(&init).await.unwrap();
    assert_eq!(uploaded.id_front.status, 1);
    assert_eq!(uploaded.id_front.url.as_deref(), Some(front.url.as_str()));
    assert!(
        uploaded.id_front.info.is_none(),
        "nothing read, nothing corrected yet"
    );
    assert_eq!((uploaded.id_back.status, uploaded.liveness.status), (0, 0));

    certify
        .save_basic_info(&SaveBasicInfoRequest {
            name: persona::NAME.into(),
            r#type: ImageKind::IdFront,
            id_number: persona::CURP.into(),
            birthday: persona::BIRTHDAY.into(),
        })
        .await
        .unwrap();
    for kind in [ImageKind::Face, ImageKind::IdBack] {
        let answer = certify
            .upload_image(&UploadImageRequest {
                attach: FilePart::new(persona::PHOTO, "photo.jpg", "image/jpeg"),
                r#type: kind,
            })
            .await
            .unwrap();
        assert_eq!(answer.is_need_pop, 0);
    }
    let after = certify.basic_person_info(&init).await.unwrap();
    assert_eq!(
        (
            after.id_front.status,
            after.id_back.status,
            after.liveness.status,
            after.hands.status
        ),
        (1, 1, 1, 0)
    );
    let info = after.id_front.info.expect("the corrected data");
    assert_eq!(info.name, persona::NAME);
    assert_eq!(info.id_number, persona::CURP);
    assert_eq!(info.birthday, persona::BIRTHDAY);
}

#[tokio::test]
async fn an_upload_that_is_not_an_image_is_refused() {
    let server = start_server().await;
    let token = server.log_in(MOBILE).await;
    let (certify, _) = clients(server.base_url(), Some(&token));
    let err = certify
        .upload_image(&UploadImageRequest {
            attach: FilePart::new(b"not a photo".to_vec(), "x.jpg", "image/jpeg"),
            r#type: ImageKind::Face,
        })
        .await
        .unwrap_err();
    assert_eq!(api_code(err).0, codes::INVALID_INPUT);
}

#[tokio::test]
async fn save_basic_info_before_the_front_is_out_of_order() {
    let server = start_server().await;
    let token = server.log_in(MOBILE).await;
    let (certify, _) = clients(server.base_url(), Some(&token));
    let err = certify
        .save_basic_info(&SaveBasicInfoRequest {
            name: persona::NAME.into(),
            r#type: ImageKind::IdFront,
            id_number: persona::CURP.into(),
            birthday: persona::BIRTHDAY.into(),
        })
        .await
        .unwrap_err();
    assert_eq!(api_code(err).0, codes::OUT_OF_ORDER);
}

#[tokio::test]
async fn a_second_bind_replaces_the_first() {
    let server = start_server().await;
    let token = server.log_in(MOBILE).await;
    let (_, bind_card) = clients(server.base_url(), Some(&token));
    let before = bind_card.card_init(&card_init()).await.unwrap();
    assert_eq!(item(&before, "bankCode").status, 0);

    let debit = "4111111111111111";
    let clabe = "002010077777777771";
    let mut first = bind(BankAccountType::DebitCard, debit, 40012);
    first.user_name = Some(persona::NAME.into());
    bind_card.bind_card_new(&first).await.unwrap();
    let bound = bind_card.card_init(&card_init()).await.unwrap();
    // Masked in `value` too, as the app shows it: the full number is never answered.
    assert_eq!(item(&bound, "cardNo").value.as_deref(), Some("****1111"));
    assert_eq!(
        item(&bound, "cardNo").display_value.as_deref(),
        Some("****1111")
    );

    bind_card
        .bind_card_new(&bind(BankAccountType::Clabe, clabe, 37006))
        .await
        .unwrap();
    let rebound = bind_card.card_init(&card_init()).await.unwrap();
    let number = item(&rebound, "cardNo");
    assert_eq!(number.value.as_deref(), Some("****7771"));
    assert!(!serde_json::to_string(&rebound).unwrap().contains(clabe));
    assert_eq!(number.display_value.as_deref(), Some("****7771"));
    assert_eq!(number.bank_type, Some(2));
    assert_eq!(item(&rebound, "bankType").value.as_deref(), Some("2"));
    assert_eq!(item(&rebound, "bankCode").value.as_deref(), Some("37006"));
    assert_eq!(
        item(&rebound, "bankCode").display_value.as_deref(),
        Some("BANCOMEXT")
    );
    assert_eq!(item(&rebound, "bankCode").status, 1);
}

#[tokio::test]
async fn a_confirmation_that_differs_is_refused_without_echoing_the_numbers() {
    let server = start_server().await;
    let token = server.log_in(MOBILE).await;
    let (_, bind_card) = unchecked_clients(server.base_url(), Some(&token));
    let card = "4111111111111111";
    let confirm = "5555555555554444";
    let mut request = bind(BankAccountType::DebitCard, card, 40012);
    request.confirm_card_no = Some(confirm.into());
    let err = bind_card.bind_card_new(&request).await.unwrap_err();
    // The spec's `equal` rule refuses it before the backend's own check (code 1002) runs.
    assert_refused(err, "confirmCardNo", &[card, confirm, "1111", "4444"]);
    let form = bind_card.card_init(&card_init()).await.unwrap();
    assert_eq!(
        item(&form, "cardNo").value.as_deref(),
        Some(""),
        "nothing bound"
    );
}

#[tokio::test]
async fn bad_numbers_and_unknown_options_are_refused() {
    let server = start_server().await;
    let token = server.log_in(MOBILE).await;
    let (certify, bind_card) = unchecked_clients(server.base_url(), Some(&token));
    let wrong_check_digit = bind(BankAccountType::DebitCard, "4111111111111112", 40012);
    let clabe_as_debit = bind(BankAccountType::DebitCard, "002010077777777771", 40012);
    for request in [wrong_check_digit, clabe_as_debit] {
        let err = bind_card.bind_card_new(&request).await.unwrap_err();
        assert_refused(err, "cardNo", &[&request.card_no]);
    }
    // A bank code of the right shape that card-init does not offer: the backend's check.
    let unknown_bank = bind(BankAccountType::DebitCard, "4111111111111111", 99999);
    let err = bind_card.bind_card_new(&unknown_bank).await.unwrap_err();
    let code = assert_refused(err, "bankCode", &["4111", "99999"]);
    assert_eq!(code, codes::INVALID_INPUT);
    // An answer that is not among the question's options.
    let err = certify
        .save_credit_info(&credit_answers(9))
        .await
        .unwrap_err();
    assert_eq!(assert_refused(err, "is_", &[]), codes::INVALID_INPUT);
    let form = bind_card.card_init(&card_init()).await.unwrap();
    assert_eq!(
        item(&form, "cardNo").value.as_deref(),
        Some(""),
        "nothing bound"
    );
}

#[tokio::test]
async fn the_clients_send_nothing_without_a_session() {
    // No server listens here: the refusal is the client's own, before any connection.
    let (certify, bind_card) = clients("http://127.0.0.1:9", None);
    let err = certify
        .save_credit_info(&credit_answers(1))
        .await
        .unwrap_err();
    assert!(matches!(err, ClientError::NoCredential { .. }), "{err}");
    let err = bind_card.card_init(&card_init()).await.unwrap_err();
    assert!(matches!(err, ClientError::NoCredential { .. }), "{err}");
}

#[tokio::test]
async fn the_walk_completes_and_prints_no_personal_data() {
    let server = start_server().await;
    let mut out = Vec::new();
    let config = generated_demo::walk::WalkConfig::new(
        server.base_url(),
        generated_demo::walk::WalkCredential::Login(server.inbox.clone()),
    );
    let summary = generated_demo::walk::run(&config, &mut out).await.unwrap();
    assert_eq!(summary.calls, 19, "the login's 2 and the flow's 17");
    let table = String::from_utf8(out).unwrap();
    // The walk speaks the base build: every one of its routes is in the table.
    for route in ROUTES.iter().filter(|r| r.variant == Variant::BASE.name()) {
        assert!(table.contains(route.public_path), "{}", route.public_path);
        assert!(table.contains(route.real_name), "{}", route.real_name);
    }
    for secret in [
        persona::DEFAULT_MOBILE,
        persona::NAME,
        persona::CURP,
        persona::EMAIL,
        persona::FIRST_CONTACT_MOBILE,
        persona::FIRST_CONTACT_NAME,
        persona::account_number(BankAccountType::DebitCard),
    ] {
        assert!(!table.contains(secret), "printed a personal value");
    }
}

#[tokio::test]
async fn the_table_shows_the_codes_the_server_answers() {
    let server = start_server().await;
    let token = server.log_in(MOBILE).await;
    let requests = [
        (
            "/Crapido/mkla-pk",
            serde_json::json!({"mobile": MOBILE, "product_id": PRODUCT,
                "KAMD": "ksjd", "FPALS": "12315a", "AJKDS": "3"}),
        ),
        (
            "/Crapido/UserInit",
            serde_json::json!({"mobile": MOBILE, "product_id": PRODUCT, "aksld": "236541"}),
        ),
    ];
    for (path, body) in requests {
        let session = [(TOKEN_HEADER, token.as_str())];
        let answer = common::http_post(server.base_url(), path, &session, &body).await;
        let envelope: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
        let route = ROUTES.iter().find(|r| r.public_path == path).unwrap();
        // The table takes the success code from the generated ROUTES.
        assert_eq!(envelope["code"], route.success_code, "{path}");
    }
}
