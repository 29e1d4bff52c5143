//! What a generated client costs around the network, against hand-written serde: request
//! encoding and answer decoding for save-job-info, save-personal-info and card-init.
//!
//! ```sh
//! cargo bench --bench client_codec            # every case
//! cargo bench --bench client_codec -- card    # the cases whose name holds `card`
//! ```
//!
//! The generated side runs the client's own code (`veil::__private::bench`, the functions
//! `Transport` calls): the request validated against the spec (on by default in the client;
//! measured on and off), the decoys' values drawn, the request encoded with the decoys
//! appended; the answer read as the envelope with `data` kept raw, the code checked against
//! the endpoint's success codes, then `data` decoded through serde_path_to_error. The
//! hand-written side is a `#[derive(Serialize)]` struct with the decoys as fields and
//! `serde_json::to_vec` (a fresh random decoy drawn into it where the spec generates one), and a
//! `#[derive(Deserialize)] struct Envelope<T> { code, message, data: Option<T> }` with the code
//! checked.
//!
//! Timing: paired rounds. Each round times the generated side and the hand-written side over
//! the same number of runs (about 20 ms each), in alternating order, and takes their ratio; the
//! figure is the median ratio over the rounds, with its interquartile range. A slow moment of a
//! shared machine hits one round, not one side. `CODEC_ROUNDS` changes the number of rounds
//! (31).
//!
//! For instruction counts under callgrind, `CODEC_ONLY=<case>/<generated|hand>` runs one side
//! of one case a fixed number of times (`CODEC_RUNS`, 20,000) and exits.

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{Envelope, HandFormData, crapido, median, quantile};
use veil::__private::bench;
use veil::__private::meta::{
    Charset, ClientEndpoint, Decoy, DecoyValue, Encoding, EnvelopeNames, SessionHeader,
};

// The endpoint tables the generated client methods hold (see the `client` snapshot of
// codegen/tests/snapshots): the same public paths, success codes and decoys as
// spec/crapido.yaml. `check_same_wire` below proves the decoys match the hand-written side's.
static ENVELOPE: EnvelopeNames = EnvelopeNames {
    code: "code",
    message: "message",
    data: "data",
};
/// crapido's session header: the token alone in `token`. The codec below never touches it
/// (`Transport` adds the header beside the body), so both sides encode the same bytes.
const SESSION: Option<SessionHeader> = Some(SessionHeader {
    header: "token",
    scheme: None,
});
static SAVE_JOB_INFO: ClientEndpoint = ClientEndpoint {
    envelope: &ENVELOPE,
    public_path: "/Crapido/Sejom",
    encoding: Encoding::Json,
    success_codes: &["00"],
    decoys: &[],
    session: SESSION,
};
static SAVE_PERSONAL_INFO: ClientEndpoint = ClientEndpoint {
    envelope: &ENVELOPE,
    public_path: "/Crapido/mksl",
    encoding: Encoding::Json,
    success_codes: &["00"],
    decoys: &[
        Decoy {
            wire: "alksmdj",
            value: DecoyValue::Generated {
                charset: Charset::Alphanumeric,
                length: 8,
            },
        },
        Decoy {
            wire: "pals_skd",
            value: DecoyValue::Fixed("598"),
        },
    ],
    session: SESSION,
};
static CARD_INIT: ClientEndpoint = ClientEndpoint {
    envelope: &ENVELOPE,
    public_path: "/Crapido/CA-LSKD",
    encoding: Encoding::Json,
    success_codes: &["00"],
    decoys: &[
        Decoy {
            wire: "alms",
            value: DecoyValue::Fixed("yes"),
        },
        Decoy {
            wire: "laka",
            value: DecoyValue::Fixed("10"),
        },
    ],
    session: SESSION,
};

/// One comparison: a generated side and a hand-written side of the same work.
struct Case {
    name: &'static str,
    /// Whether this is the comparison the 1.05 target is about (hand-written code does not
    /// validate, so the comparable client path is the one without validation).
    comparable: bool,
    generated: Box<dyn FnMut()>,
    hand: Box<dyn FnMut()>,
}

fn hand_decode_no_data(body: &[u8]) {
    let envelope: Envelope<serde::de::IgnoredAny> =
        serde_json::from_slice(body).expect("an envelope");
    assert!(envelope.code == "00", "a success");
    black_box(envelope);
}

fn hand_decode_card_init(body: &[u8]) -> HandFormData {
    let envelope: Envelope<HandFormData> = serde_json::from_slice(body).expect("an envelope");
    assert!(envelope.code == "00", "a success");
    envelope.data.expect("data")
}

fn cases() -> Vec<Case> {
    let no_data: &'static [u8] = common::NO_DATA_ANSWER;
    let card_answer: &'static [u8] = common::card_init_answer().leak();
    let mut cases = Vec::new();

    macro_rules! encode_cases {
        ($label:literal, $endpoint:expr, $generated:expr, $hand:expr, $refresh:expr) => {{
            for validate in [true, false] {
                let request = $generated;
                let mut hand = $hand;
                cases.push(Case {
                    name: if validate {
                        concat!($label, "/encode, validated")
                    } else {
                        concat!($label, "/encode")
                    },
                    comparable: !validate,
                    generated: Box::new(move || {
                        let body = bench::encode_json(&$endpoint, black_box(&request), validate)
                            .expect("encodes");
                        black_box(body);
                    }),
                    hand: Box::new(move || {
                        #[allow(clippy::redundant_closure_call)]
                        ($refresh)(&mut hand);
                        let body = serde_json::to_vec(black_box(&hand)).expect("encodes");
                        black_box(body);
                    }),
                });
            }
        }};
    }

    encode_cases!(
        "save-job-info",
        SAVE_JOB_INFO,
        common::generated_save_job_info(),
        common::hand_save_job_info(),
        |_: &mut common::HandSaveJobInfo| {}
    );
    encode_cases!(
        "save-personal-info",
        SAVE_PERSONAL_INFO,
        common::generated_save_personal_info(),
        common::hand_save_personal_info(),
        |hand: &mut common::HandSavePersonalInfo| hand.alksmdj = common::fresh_decoy()
    );
    encode_cases!(
        "card-init",
        CARD_INIT,
        common::generated_card_init(),
        common::hand_card_init(),
        |_: &mut common::HandCardInit| {}
    );

    for (name, endpoint) in [
        ("save-job-info/decode", &SAVE_JOB_INFO),
        ("save-personal-info/decode", &SAVE_PERSONAL_INFO),
    ] {
        cases.push(Case {
            name,
            comparable: true,
            generated: Box::new(move || {
                bench::decode_without_data(endpoint, 200, black_box(no_data)).expect("decodes");
            }),
            hand: Box::new(move || hand_decode_no_data(black_box(no_data))),
        });
    }
    cases.push(Case {
        name: "card-init/decode",
        comparable: true,
        generated: Box::new(move || {
            let data: crapido::FormData =
                bench::decode(&CARD_INIT, 200, black_box(card_answer)).expect("decodes");
            black_box(data);
        }),
        hand: Box::new(move || {
            black_box(hand_decode_card_init(black_box(card_answer)));
        }),
    });
    cases
}

/// The generated and the hand-written encoders put the same JSON on the wire (but for the
/// generated decoy's random value), and both decoders read the seed's answer.
fn check_same_wire() {
    fn json(bytes: &[u8]) -> serde_json::Value {
        serde_json::from_slice(bytes).expect("JSON")
    }
    let same = |generated: Vec<u8>, hand: Vec<u8>, what: &str| {
        let (mut generated, mut hand) = (json(&generated), json(&hand));
        for value in [&mut generated, &mut hand] {
            if let Some(decoy) = value.get_mut("alksmdj") {
                assert_eq!(decoy.as_str().map(str::len), Some(8), "{what}: alksmdj");
                *decoy = serde_json::Value::Null;
            }
        }
        assert_eq!(generated, hand, "{what}: the two sides send different JSON");
    };
    same(
        bench::encode_json(&SAVE_JOB_INFO, &common::generated_save_job_info(), true).unwrap(),
        serde_json::to_vec(&common::hand_save_job_info()).unwrap(),
        "save-job-info",
    );
    same(
        bench::encode_json(
            &SAVE_PERSONAL_INFO,
            &common::generated_save_personal_info(),
            true,
        )
        .unwrap(),
        serde_json::to_vec(&common::hand_save_personal_info()).unwrap(),
        "save-personal-info",
    );
    same(
        bench::encode_json(&CARD_INIT, &common::generated_card_init(), true).unwrap(),
        serde_json::to_vec(&common::hand_card_init()).unwrap(),
        "card-init",
    );
    let answer = common::card_init_answer();
    let generated: crapido::FormData = bench::decode(&CARD_INIT, 200, &answer).unwrap();
    let hand = hand_decode_card_init(&answer);
    assert_eq!(
        serde_json::to_value(&generated).unwrap(),
        serde_json::to_value(&hand).unwrap(),
        "card-init: the two sides read different data"
    );
    assert_eq!(generated.items.len(), hand.items.len());
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

fn main() {
    check_same_wire();
    let mut cases = cases();

    if let Ok(only) = std::env::var("CODEC_ONLY") {
        let (name, side) = only.rsplit_once('/').expect("CODEC_ONLY=<case>/<side>");
        let case = cases
            .iter_mut()
            .find(|case| case.name == name)
            .unwrap_or_else(|| panic!("no case `{name}`"));
        let runs = env_number("CODEC_RUNS", 20_000);
        let f = match side {
            "generated" => &mut case.generated,
            "hand" => &mut case.hand,
            other => panic!("side `{other}`: generated or hand"),
        };
        for _ in 0..runs {
            f();
        }
        return;
    }

    // `cargo bench` passes `--bench`; any other argument filters the cases by name.
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let rounds = env_number("CODEC_ROUNDS", 31).max(3) as usize;
    println!(
        "client_codec: {rounds} paired rounds per case, ~20 ms per side per round; ns per run are medians"
    );
    println!(
        "{:<38} {:>12} {:>12} {:>8} {:>16}  comparable",
        "case", "generated ns", "hand ns", "ratio", "ratio IQR"
    );
    for case in &mut cases {
        if !filters.is_empty() && !filters.iter().any(|f| case.name.contains(f.as_str())) {
            continue;
        }
        // Warm both sides up, then size a round so that each side runs about 20 ms.
        let target = Duration::from_millis(20);
        let iterations = common::calibrate(target, &mut case.generated)
            .min(common::calibrate(target, &mut case.hand));
        let mut pair = common::Pair::new();
        for round in 0..rounds {
            let (generated, hand) = if round % 2 == 0 {
                let generated = common::time_per_run(iterations, &mut case.generated);
                (generated, common::time_per_run(iterations, &mut case.hand))
            } else {
                let hand = common::time_per_run(iterations, &mut case.hand);
                (common::time_per_run(iterations, &mut case.generated), hand)
            };
            pair.push(generated, hand, generated / hand);
        }
        println!(
            "{:<38} {:>12.0} {:>12.0} {:>8.3} {:>7.3} – {:<6.3}  {}",
            case.name,
            median(&pair.generated),
            median(&pair.hand),
            median(&pair.ratios),
            quantile(&pair.ratios, 0.25),
            quantile(&pair.ratios, 0.75),
            if case.comparable { "yes" } else { "no" },
        );
    }
}
