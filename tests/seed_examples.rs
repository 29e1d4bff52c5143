//! The seed document's examples, decoded by the types generated from spec/crapido.yaml.
//!
//! Every response example must decode into its endpoint's `Envelope<Data>` and re-encode with
//! every wire name intact; the two request examples must round-trip exactly. The examples are
//! the seed's text, repaired only where it is not JSON (tests/seed/README.md lists each repair).

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

mod crapido {
    veil::generate!("../spec/crapido.yaml");
}

use crapido::*;

fn seed(path: &str) -> Value {
    let full = format!("{}/tests/seed/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// The spec reads several spellings and writes one (lenient on input, canonical on output).
/// This rewrites an example into the canonical forms, so that the comparison with the
/// re-encoded value checks everything else exactly:
/// - `cate` letters become their long names (`B` → `enum`), as the `Cate` enum writes them;
/// - `inputType` and option `type` values held as strings become numbers (`OptionCode` and
///   `InputType` are lenient integers).
fn canonical(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, item) in map {
                let item = match (key.as_str(), item) {
                    ("cate", Value::String(letter)) => Value::String(
                        match letter.as_str() {
                            "A" => "txt",
                            "B" => "enum",
                            "C" => "citySelect",
                            "D" => "tip",
                            "E" => "location",
                            "F" => "day",
                            "G" => "camera",
                            long => long,
                        }
                        .into(),
                    ),
                    ("inputType" | "type", Value::String(digits)) => {
                        json!(digits.parse::<i64>().expect("a numeric string"))
                    }
                    _ => canonical(item),
                };
                out.insert(key.clone(), item);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        other => other.clone(),
    }
}

/// Decodes `example` as `T`, re-encodes it, and checks nothing was lost, renamed or added.
fn round_trip<T: Serialize + DeserializeOwned>(example: &Value) -> T {
    let decoded: T = serde_json::from_value(example.clone()).expect("decodes");
    let encoded = serde_json::to_value(&decoded).expect("encodes");
    assert_eq!(encoded, canonical(example));
    decoded
}

fn response<T: Serialize + DeserializeOwned>(file: &str, success: &str) -> Envelope<T> {
    let envelope: Envelope<T> = round_trip(&seed(&format!("responses/{file}")));
    assert_eq!(envelope.code, success, "{file}");
    envelope
}

#[test]
fn form_init_responses_decode_with_both_cate_spellings() {
    let credit = response::<FormData>("01-credit-info.json", "00")
        .data
        .unwrap();
    assert_eq!(credit.items.len(), 5);
    let first = &credit.items[0];
    assert_eq!(first.code.as_deref(), Some("is_overdue_year"));
    assert_eq!(first.cate, Cate::Enum);
    assert_eq!(first.enable, Some(true));
    let note = first.note.as_ref().unwrap();
    assert_eq!(
        (note[1].name.as_str(), note[1].r#type),
        ("Y", OptionCode(2))
    );

    let personal = response::<FormData>("06-personal-info.json", "00")
        .data
        .unwrap();
    let cates: Vec<Cate> = personal.items.iter().map(|i| i.cate).collect();
    assert_eq!(cates[..3], [Cate::Day, Cate::Enum, Cate::Txt]);
    assert_eq!(personal.items[2].input_type, Some(InputType(2)));
    assert_eq!(personal.items[6].note.as_ref().map(Vec::len), Some(2));

    let job = response::<FormData>("08-job-info.json", "00").data.unwrap();
    assert_eq!(job.items[1].code.as_deref(), Some("industry"));

    let card = response::<FormData>("12-card-init.json", "00")
        .data
        .unwrap();
    assert_eq!(card.items[0].cate, Cate::Tip);
    assert_eq!(card.items[0].id, None);
    let hot_banks = card.items[2].note.as_ref().unwrap();
    assert_eq!(hot_banks[0].r#type, OptionCode(40002));
    let account_types = card.items[1].note.as_ref().unwrap();
    assert_eq!(
        account_types[1].title.as_deref(),
        Some("Ingresa el CLABE que comience con")
    );
    assert_eq!(card.items[4].input_type, Some(InputType(1)));
    assert_eq!(card.items[4].bank_type, Some(0));
}

#[test]
fn identity_responses_decode_with_success_code_zero() {
    let docs = response::<PersonDocuments>("03-basic-person-info.json", "0")
        .data
        .unwrap();
    assert_eq!(docs.hands.status, 0);
    assert_eq!(docs.hands.url, None);
    let info = docs.id_front.info.unwrap();
    assert_eq!(info.id_number, "CORM770627MDFNJR01");
    assert_eq!(docs.liveness_type, 0);

    let upload = response::<UploadResult>("04-upload-image.json", "0")
        .data
        .unwrap();
    assert_eq!(upload.is_need_pop, 0);
    assert!(upload.status);
    assert_eq!(upload.idcard_num, "CORM770627MDFNJR01");

    let saved = response::<()>("05-save-basic-info.json", "0");
    assert_eq!(saved.data, None);
}

#[test]
fn contacts_response_reads_string_option_codes() {
    let contacts = response::<ContactsData>("10-ext-info.json", "00")
        .data
        .unwrap();
    let emergent = contacts.emergent;
    assert_eq!(emergent.lineal_list.len(), 7);
    assert_eq!(emergent.lineal_list[6].r#type, OptionCode(7));
    assert_eq!(emergent.lineal_relation, ChoiceValue("1".into()));
    assert_eq!(emergent.lineal_mobile, "8553465753");
}

#[test]
fn submit_responses_carry_no_data() {
    for file in [
        "02-save-credit-info.json",
        "07-save-personal-info.json",
        "09-save-job-info.json",
        "11-save-ext-info.json",
        "13-bind-card-new.json",
    ] {
        let envelope = response::<()>(file, "00");
        assert_eq!(
            (envelope.message.as_str(), envelope.data),
            ("成功", None),
            "{file}"
        );
    }
}

#[test]
fn request_examples_round_trip_exactly() {
    let job: SaveJobInfoRequest = round_trip(&seed("requests/09-save-job-info.json"));
    assert_eq!(job.company_address, "Coahuila de Zaragoza|Candela");
    assert_eq!(job.industry, ChoiceValue("3".into()));
    assert_eq!(job.salary_day_1, "1");

    let contacts: SaveExtInfoRequest = round_trip(&seed("requests/11-save-ext-info.json"));
    assert_eq!(contacts.first_mobile, "8553465753");
    assert_eq!(contacts.second_relation, ChoiceValue("1".into()));
}

#[test]
fn requests_read_numbers_for_lenient_fields_and_write_the_declared_form() {
    let request: BindCardNewRequest = serde_json::from_value(json!({
        "bankCode": 40002, "cardNo": "002010077777777771", "product_id": "2", "bankType": 2
    }))
    .unwrap();
    assert_eq!(request.bank_type, BankAccountType::Clabe);
    assert_eq!(request.bank_code, ChoiceValue("40002".into()));
    assert_eq!(request.confirm_card_no, None);
    let encoded = serde_json::to_value(&request).unwrap();
    assert_eq!(
        encoded,
        json!({"bankCode": "40002", "cardNo": "002010077777777771", "product_id": "2", "bankType": "2"})
    );
    let unknown = serde_json::from_value::<BindCardNewRequest>(json!({
        "bankCode": "1", "cardNo": "1", "product_id": "2", "bankType": 3
    }));
    assert!(
        unknown
            .unwrap_err()
            .to_string()
            .contains("unknown code 3 for BankAccountType")
    );
}

#[test]
fn debug_output_never_shows_personal_data() {
    let docs: Envelope<PersonDocuments> =
        serde_json::from_value(seed("responses/03-basic-person-info.json")).unwrap();
    let upload: Envelope<UploadResult> =
        serde_json::from_value(seed("responses/04-upload-image.json")).unwrap();
    let contacts: Envelope<ContactsData> =
        serde_json::from_value(seed("responses/10-ext-info.json")).unwrap();
    let job: SaveJobInfoRequest =
        serde_json::from_value(seed("requests/09-save-job-info.json")).unwrap();
    let request = BindCardNewRequest {
        bank_code: ChoiceValue("40002".into()),
        card_no: "4111111111111111".into(),
        confirm_card_no: Some("4111111111111111".into()),
        product_id: "2".into(),
        order_no: None,
        user_name: Some("MARICELA".into()),
        bank_type: BankAccountType::DebitCard,
    };
    let printed = format!("{docs:?}{upload:?}{contacts:?}{job:?}{request:?}");
    for secret in [
        "MARICELA",
        "CORM770627MDFNJR01",
        "8553465753",
        "aliyuncs.com",
        "Coahuila",
        "hhhh",
        "4111111111111111",
    ] {
        assert!(
            !printed.contains(secret),
            "Debug output shows `{secret}`: {printed}"
        );
    }
    assert!(printed.contains("idcard_num: <redacted>"), "{printed}");
    assert!(
        printed.contains("confirm_card_no: Some(<redacted>)"),
        "{printed}"
    );
    assert!(printed.contains("order_no: None"), "{printed}");
    // Non-sensitive values stay visible, or Debug would be useless.
    assert!(printed.contains("is_need_pop: 0"), "{printed}");
}
