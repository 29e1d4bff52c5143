//! Shared by the runtime benchmarks (`client_codec.rs`, `server_throughput.rs`): the API
//! generated from spec/crapido.yaml, the same three endpoints written by hand with plain serde
//! types of the same shape, good requests (the values of tests/common), the seed's card-init
//! answer, and the paired-rounds timer both benchmarks report with.
#![allow(dead_code)] // each benchmark uses its own share

use std::time::{Duration, Instant};

use serde::{Deserialize, Deserializer, Serialize};

pub mod crapido {
    veil::generate!("../../spec/crapido.yaml");
}

// Values from the seed document, as tests/common has them.
pub const MOBILE: &str = "8553465753";
pub const CURP: &str = "CORM770627MDFNJR01";
pub const ORDER_NO: &str = "302021101407000223510036";
pub const EMAIL: &str = "maricela.cortes@gmail.mx";
pub const BIRTHDAY: &str = "27/06/1977";
pub const HOME_CITY: &str = "Coahuila de Zaragoza|Candela";
pub const COMPANY_PHONE: &str = "5551234567";

/// The session token the benchmarks log in with (every crapido endpoint needs a session): both
/// servers accept exactly this one, sent alone in the [`TOKEN_HEADER`] header as crapido's base
/// build sends it.
pub const BENCH_TOKEN: &str = "veil-bench-session-8c2d41f7";
pub const TOKEN_HEADER: &str = "token";

/// Whether `given` is [`BENCH_TOKEN`], compared constant-time-ish: no early exit at the first
/// byte that differs, so that the time depends on the length only. The generated server's
/// `Authenticate` and the hand-written handler's check both call it, so that both pay the same
/// comparison.
pub fn is_bench_token(given: &[u8]) -> bool {
    let expected = BENCH_TOKEN.as_bytes();
    given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .fold(0u8, |difference, (a, b)| difference | (a ^ b))
            == 0
}

/// The seed's card-init answer (tests/seed/responses/12-card-init.json), as the server sends it.
pub fn card_init_answer() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/seed/responses/12-card-init.json"
    );
    std::fs::read(path).unwrap_or_else(|err| panic!("{path}: {err}"))
}

/// The answer of an endpoint without data.
pub const NO_DATA_ANSWER: &[u8] = "{\"code\":\"00\",\"message\":\"成功\"}".as_bytes();

// ---- The generated side: requests as a caller builds them ----

pub fn generated_save_job_info() -> crapido::SaveJobInfoRequest {
    use crapido::ChoiceValue;
    crapido::SaveJobInfoRequest {
        company_address: HOME_CITY.into(),
        company_full_address: "hhh".into(),
        company_name: "hhhh".into(),
        company_phone: COMPANY_PHONE.into(),
        industry: ChoiceValue("3".into()),
        job_type: ChoiceValue("2".into()),
        monthly_income: ChoiceValue("3".into()),
        order_no: ORDER_NO.into(),
        product_id: "2".into(),
        salary_day: "3".into(),
        salary_day_1: "1".into(),
        salary_type: ChoiceValue("1".into()),
    }
}

pub fn generated_save_personal_info() -> crapido::SavePersonalInfoRequest {
    use crapido::ChoiceValue;
    crapido::SavePersonalInfoRequest {
        birthday: BIRTHDAY.into(),
        children_num: ChoiceValue("2".into()),
        education: ChoiceValue("2".into()),
        email: EMAIL.into(),
        home_city: HOME_CITY.into(),
        idcardnumber: CURP.into(),
        marriage: ChoiceValue("3".into()),
        sex: ChoiceValue("2".into()),
        order_no: ORDER_NO.into(),
        product_id: "2".into(),
    }
}

pub fn generated_card_init() -> crapido::CardInitRequest {
    crapido::CardInitRequest {
        mobile: Some(MOBILE.into()),
        product_id: "2".into(),
    }
}

// ---- The hand-written side: the same wire shapes, decoys as plain fields ----

/// save-job-info (`/Crapido/Sejom`): no decoys.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct HandSaveJobInfo {
    pub company_address: String,
    pub company_full_address: String,
    pub company_name: String,
    pub company_phone: String,
    pub industry: String,
    pub job_type: String,
    pub monthly_income: String,
    pub order_no: String,
    pub product_id: String,
    pub salary_day: String,
    pub salary_day_1: String,
    pub salary_type: String,
}

/// save-personal-info (`/Crapido/mksl`): `alksmdj` is drawn afresh per request (8
/// alphanumerics), `pals_skd` is fixed.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct HandSavePersonalInfo {
    pub birthday: String,
    pub children_num: String,
    pub education: String,
    pub email: String,
    pub home_city: String,
    pub idcardnumber: String,
    pub marriage: String,
    pub sex: String,
    pub order_no: String,
    pub product_id: String,
    pub alksmdj: String,
    pub pals_skd: String,
}

/// card-init (`/Crapido/CA-LSKD`): decoys `alms=yes`, `laka=10`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct HandCardInit {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    pub product_id: String,
    pub alms: String,
    pub laka: String,
}

pub fn hand_save_job_info() -> HandSaveJobInfo {
    HandSaveJobInfo {
        company_address: HOME_CITY.into(),
        company_full_address: "hhh".into(),
        company_name: "hhhh".into(),
        company_phone: COMPANY_PHONE.into(),
        industry: "3".into(),
        job_type: "2".into(),
        monthly_income: "3".into(),
        order_no: ORDER_NO.into(),
        product_id: "2".into(),
        salary_day: "3".into(),
        salary_day_1: "1".into(),
        salary_type: "1".into(),
    }
}

pub fn hand_save_personal_info() -> HandSavePersonalInfo {
    HandSavePersonalInfo {
        birthday: BIRTHDAY.into(),
        children_num: "2".into(),
        education: "2".into(),
        email: EMAIL.into(),
        home_city: HOME_CITY.into(),
        idcardnumber: CURP.into(),
        marriage: "3".into(),
        sex: "2".into(),
        order_no: ORDER_NO.into(),
        product_id: "2".into(),
        alksmdj: fresh_decoy(),
        pals_skd: "598".into(),
    }
}

pub fn hand_card_init() -> HandCardInit {
    HandCardInit {
        mobile: Some(MOBILE.into()),
        product_id: "2".into(),
        alms: "yes".into(),
        laka: "10".into(),
    }
}

/// A fresh value for save-personal-info's generated decoy, as a hand-written client draws it.
pub fn fresh_decoy() -> String {
    (0..8).map(|_| fastrand::alphanumeric()).collect()
}

/// The envelope, hand-written.
#[derive(Serialize, Deserialize, Debug)]
pub struct Envelope<T> {
    pub code: String,
    #[serde(default)]
    pub message: String,
    // A missing `data` reads as `None` (serde's rule for `Option` fields).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<T>,
}

/// card-init's data, hand-written with the types a careful hand would pick for what the seed
/// shows: `cate` as an enum that reads the letters too, codes read from numbers or strings.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct HandFormData {
    pub items: Vec<HandFormItem>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct HandFormItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub cate: HandCate,
    #[serde(rename = "inputType", default, skip_serializing_if = "Option::is_none")]
    pub input_type: Option<LenientInt>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Vec<HandFormOption>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<i64>,
    pub status: i64,
    #[serde(
        rename = "statusName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub status_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(
        rename = "displayValue",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_value: Option<String>,
    #[serde(
        rename = "dateSelect",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub date_select: Option<i64>,
    #[serde(rename = "bankType", default, skip_serializing_if = "Option::is_none")]
    pub bank_type: Option<i64>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub enum HandCate {
    #[serde(rename = "txt", alias = "A")]
    Txt,
    #[serde(rename = "enum", alias = "B")]
    Enum,
    #[serde(rename = "citySelect", alias = "C")]
    CitySelect,
    #[serde(rename = "tip", alias = "D")]
    Tip,
    #[serde(rename = "location", alias = "E")]
    Location,
    #[serde(rename = "day", alias = "F")]
    Day,
    #[serde(rename = "camera", alias = "G")]
    Camera,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct HandFormOption {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: LenientInt,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// An integer sent as a number or as a string of digits; written as a number.
#[derive(Serialize, Clone, Copy, Debug, PartialEq)]
#[serde(transparent)]
pub struct LenientInt(pub i64);

impl<'de> Deserialize<'de> for LenientInt {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = LenientInt;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an integer or a string holding one")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<LenientInt, E> {
                Ok(LenientInt(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<LenientInt, E> {
                i64::try_from(v)
                    .map(LenientInt)
                    .map_err(|_| E::custom("out of range"))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<LenientInt, E> {
                v.trim()
                    .parse()
                    .map(LenientInt)
                    .map_err(|_| E::custom("not an integer"))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

// ---- Paired rounds ----

/// Per-round figures of one pair: the generated side, the hand-written side, their ratio.
pub struct Pair {
    pub generated: Vec<f64>,
    pub hand: Vec<f64>,
    pub ratios: Vec<f64>,
}

impl Pair {
    pub fn new() -> Self {
        Pair {
            generated: Vec::new(),
            hand: Vec::new(),
            ratios: Vec::new(),
        }
    }

    /// Records one round; `ratio` is generated over hand-written, so that above 1 means the
    /// generated side costs more (times) or does more (throughputs) — the caller says which.
    pub fn push(&mut self, generated: f64, hand: f64, ratio: f64) {
        self.generated.push(generated);
        self.hand.push(hand);
        self.ratios.push(ratio);
    }
}

impl Default for Pair {
    fn default() -> Self {
        Pair::new()
    }
}

/// The median of `values` (which must not be empty).
pub fn median(values: &[f64]) -> f64 {
    quantile(values, 0.5)
}

/// A quantile by linear interpolation between the closest ranks.
pub fn quantile(values: &[f64], q: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let position = q * (sorted.len() - 1) as f64;
    let (low, high) = (position.floor() as usize, position.ceil() as usize);
    sorted[low] + (sorted[high] - sorted[low]) * (position - low as f64)
}

/// Runs `f` `iterations` times; the time per run, in nanoseconds.
pub fn time_per_run(iterations: u64, mut f: impl FnMut()) -> f64 {
    let started = Instant::now();
    for _ in 0..iterations {
        f();
    }
    started.elapsed().as_nanos() as f64 / iterations as f64
}

/// How many runs of `f` take about `target`.
pub fn calibrate(target: Duration, mut f: impl FnMut()) -> u64 {
    let mut iterations = 1u64;
    loop {
        let started = Instant::now();
        for _ in 0..iterations {
            f();
        }
        let elapsed = started.elapsed();
        if elapsed >= target / 4 || iterations >= 1 << 30 {
            let per_run = elapsed.as_secs_f64() / iterations as f64;
            return ((target.as_secs_f64() / per_run) as u64).max(1);
        }
        iterations *= 2;
    }
}
