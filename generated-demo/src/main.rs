//! A tour of the models generated from `spec/crapido.yaml`: the app's answers decoded into
//! typed data, a questionnaire answered from them, and personal data kept out of `Debug`.
//!
//! It runs offline on the seed document's examples; the server and client walk of the whole
//! KYC flow replaces it once those parts of veil exist.

use std::process::ExitCode;

use generated_demo::crapido::{
    ChoiceValue, Envelope, FormData, SaveCreditInfoRequest, UploadResult,
};

const CREDIT_INFO: &str = include_str!("../../tests/seed/responses/01-credit-info.json");
const UPLOAD_IMAGE: &str = include_str!("../../tests/seed/responses/04-upload-image.json");

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("generated-demo: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let questionnaire: Envelope<FormData> = serde_json::from_str(CREDIT_INFO)?;
    let items = questionnaire
        .data
        .ok_or("credit-info answered no data")?
        .items;
    println!(
        "credit-info (code {}): {} questions",
        questionnaire.code,
        items.len()
    );
    let mut answers = std::collections::HashMap::new();
    for item in &items {
        let first = item.note.as_deref().and_then(|options| options.first());
        let code = item.code.as_deref().unwrap_or("?");
        match first {
            Some(option) => {
                println!(
                    "  {code:<20} {:?} -> answer {}",
                    item.title, option.r#type.0
                );
                answers.insert(code.to_owned(), ChoiceValue(option.r#type.0.to_string()));
            }
            None => println!("  {code:<20} {:?} (no options)", item.title),
        }
    }
    let answer = |code: &str| {
        answers
            .get(code)
            .cloned()
            .ok_or_else(|| format!("credit-info has no question `{code}`"))
    };
    let submit = SaveCreditInfoRequest {
        is_borrowed_far: answer("is_borrowed_far")?,
        is_network_loan: answer("is_network_loan")?,
        is_outstanding: answer("is_outstanding")?,
        is_overdue_maximum: answer("is_overdue_maximum")?,
        is_overdue_year: answer("is_overdue_year")?,
        order_no: "302021101407000223510036".into(),
        product_id: "2".into(),
    };
    println!(
        "\nsave-credit-info body: {}",
        serde_json::to_string(&submit)?
    );

    let upload: Envelope<UploadResult> = serde_json::from_str(UPLOAD_IMAGE)?;
    let result = upload.data.ok_or("upload-image answered no data")?;
    println!(
        "\nupload-image OCR result, as Debug prints it (personal data redacted):\n{result:#?}"
    );
    Ok(())
}
