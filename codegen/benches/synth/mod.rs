//! Synthetic specs of any size, for the codegen benchmark (`codegen/benches/codegen.rs`) and for
//! `scripts/build-cost.sh`: N endpoints shaped like spec/crapido.yaml's, deterministic for a
//! given N (no randomness, so every run and every machine benchmarks the same text).
//!
//! What a spec holds, per size N:
//! - services of 20 endpoints each (the last one shorter);
//! - the shared types crapido has (a string enum with aliases, lenient scalars, a coded type,
//!   `FormOption`, `FormItem` of 15 fields, `FormData`), plus N / 5 shared record structs of 3
//!   to 9 fields that nest each other (directly and through lists), so types are reused by
//!   many endpoints;
//! - four option lists for `choice:` constraints;
//! - per endpoint: a real name and an obfuscated public path, a title, a summary and sometimes a
//!   description, 0 to 3 decoys (fixed, some generated), 2 to 12 request fields drawn from a
//!   catalog of realistic fields with their constraints (lengths, patterns, formats, choices,
//!   ranges, sensitive and optional ones), a response that is one of the shared types for 7 in
//!   10 endpoints; every 13th endpoint is a form, every 29th a multipart upload; every 11th has
//!   a card number, its confirmation and the rules that go with them; every 17th its own success
//!   codes.
//!
//! The text is YAML written by hand here (no serializer), in the block and flow styles that
//! spec/crapido.yaml uses.

use std::fmt::Write as _;

/// A request field of the catalog: its YAML body (after `name:`) and whether a form or
/// multipart body can carry it (flat types only).
struct CatalogField {
    name: &'static str,
    yaml: &'static str,
    flat: bool,
}

const fn field(name: &'static str, yaml: &'static str, flat: bool) -> CatalogField {
    CatalogField { name, yaml, flat }
}

/// Realistic request fields, as crapido's endpoints have them.
const CATALOG: &[CatalogField] = &[
    field(
        "mobile",
        "type: string, sensitive: true, format: mx_mobile, description: 'The applicant''s mobile number.'",
        true,
    ),
    field(
        "product_id",
        "type: string, length: { min: 1, max: 64 }, description: 'The product id.'",
        true,
    ),
    field(
        "order_no",
        "type: string, length: { min: 1, max: 64 }, description: 'The order number.'",
        true,
    ),
    field(
        "email",
        "type: string, sensitive: true, format: email, description: 'Email.'",
        true,
    ),
    field(
        "idcardnumber",
        "type: string, sensitive: true, format: curp, description: 'The CURP.'",
        true,
    ),
    field(
        "birthday",
        "type: string, sensitive: true, format: date, description: 'The birth date.'",
        true,
    ),
    field(
        "company_phone",
        "type: string, sensitive: true, pattern: '\\+?[0-9]{7,15}', description: 'Company phone.'",
        true,
    ),
    field(
        "salary_day",
        "type: string, pattern: '[1-9]|[12][0-9]|3[01]', description: 'First payday.'",
        true,
    ),
    field(
        "industry",
        "type: ChoiceValue, pattern: '[0-9]+', description: 'Sector.'",
        true,
    ),
    field(
        "sex",
        "type: ChoiceValue, choice: sex, description: 'Gender.'",
        true,
    ),
    field(
        "marriage",
        "type: ChoiceValue, choice: marriage, description: 'Marital status.'",
        true,
    ),
    field(
        "relation",
        "type: ChoiceValue, choice: relation, description: 'Relation of the contact.'",
        true,
    ),
    field(
        "job_type",
        "type: ChoiceValue, choice: job_type, description: 'Job type.'",
        true,
    ),
    field(
        "amount",
        "type: number, range: { min: 0, max: 1000000 }, description: 'The amount asked for.'",
        true,
    ),
    field(
        "term_days",
        "type: integer, range: { min: 1, max: 365 }, description: 'The term in days.'",
        true,
    ),
    field(
        "accepted",
        "type: boolean, description: 'Whether the terms were accepted.'",
        true,
    ),
    field(
        "home_city",
        "type: string, sensitive: true, length: { min: 1, max: 200 }, description: 'Address.'",
        true,
    ),
    field(
        "user_name",
        "type: string, optional: true, sensitive: true, length: { min: 1, max: 100 }, description: 'The account holder.'",
        true,
    ),
    field(
        "remark",
        "type: string, optional: true, description: 'A free note.'",
        true,
    ),
    field(
        "kind",
        "type: ImageKind, description: 'What the record is about.'",
        true,
    ),
    field(
        "answers",
        "type: list<ChoiceValue>, optional: true, description: 'The chosen options.'",
        false,
    ),
    field(
        "items",
        "type: list<FormItem>, optional: true, description: 'Items filled in.'",
        false,
    ),
];

/// Verbs and nouns of real names (`/v3/<service>/<verb>-<noun>-<n>`).
const VERBS: &[&str] = &[
    "save", "get", "list", "init", "submit", "check", "update", "bind", "query", "confirm",
];
const NOUNS: &[&str] = &[
    "credit-info",
    "person-info",
    "job-info",
    "ext-info",
    "card",
    "contact",
    "order",
    "loan",
    "repay",
    "profile",
    "photo",
    "device",
];
const SERVICE_WORDS: &[&str] = &[
    "certify",
    "bind_card",
    "loan",
    "repay",
    "account",
    "profile",
    "risk",
    "market",
];

/// A deterministic stream of numbers (xorshift64*), seeded per use.
struct Stream(u64);

impl Stream {
    fn new(seed: u64) -> Self {
        Stream(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    /// `length` letters and digits, as obfuscated paths and decoy names are.
    /// Letters and digits of a length drawn in `min..min + spread`.
    fn word_of(&mut self, min: usize, spread: usize) -> String {
        let length = min + self.below(spread);
        self.word(length)
    }

    fn word(&mut self, length: usize) -> String {
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        // Letters only for the first character, so that the word is a plain name.
        (0..length)
            .map(|i| {
                let bound = if i == 0 { 52 } else { ALPHABET.len() };
                char::from(ALPHABET[self.below(bound)])
            })
            .collect()
    }
}

/// The number of shared record structs for `endpoints` endpoints.
pub fn records(endpoints: usize) -> usize {
    (endpoints / 5).max(4)
}

/// A synthetic spec of `endpoints` endpoints, as YAML text.
pub fn spec(endpoints: usize) -> String {
    let mut out = String::with_capacity(endpoints * 1_600 + 8_000);
    header(&mut out, endpoints);
    shared_types(&mut out);
    record_types(&mut out, records(endpoints));
    services(&mut out, endpoints);
    out
}

fn header(out: &mut String, endpoints: usize) {
    let _ = write!(
        out,
        "\
# A synthetic spec of {endpoints} endpoints, written by codegen/benches/synth/mod.rs.
veil: 1

api:
  name: synth
  title: Synthetic API of {endpoints} endpoints
  description: >-
    Generated for benchmarks: crapido's shapes, repeated and varied.
  variant: synth

envelope:
  code: code
  message: message
  data: data
  success: [\"00\"]

server:
  decoys: verify
  http_status: always_ok
  success_message: 成功

options:
  - name: sex
    description: Gender.
    options:
      - {{ code: 1, name: Hombre }}
      - {{ code: 2, name: Mujer }}
  - name: marriage
    description: Marital status.
    options:
      - {{ code: 1, name: Soltero/a }}
      - {{ code: 2, name: Casado/a sin Hijos }}
      - {{ code: 3, name: Casado/a con Hijos }}
      - {{ code: 4, name: Divorciado/a o Viudo/a }}
  - name: relation
    description: Relation of a contact.
    options:
      - {{ code: 1, name: Parent }}
      - {{ code: 2, name: Pareja }}
      - {{ code: 3, name: Hijo/a }}
      - {{ code: 4, name: Sibling }}
      - {{ code: 5, name: Amigo/a }}
  - name: job_type
    description: Job type.
    options:
      - {{ code: 1, name: Tiempo Completo }}
      - {{ code: 2, name: Tiempo Parcial }}

"
    );
}

fn shared_types(out: &mut String) {
    out.push_str(
        "\
types:
  - name: Cate
    description: The widget a form item is filled in with.
    values:
      - { value: txt, aliases: [A], description: Free text. }
      - { value: enum, aliases: [B], description: A choice among the item's options. }
      - { value: citySelect, aliases: [C], description: A city picker. }
      - { value: tip, aliases: [D], description: Information text. }
      - { value: location, aliases: [E], description: A location. }
      - { value: day, aliases: [F], description: A date picker. }
      - { value: camera, aliases: [G], description: A photo taken with the camera. }
  - name: OptionCode
    description: The code of a form option.
    lenient: integer
  - name: InputType
    description: The keyboard a text item wants.
    lenient: integer
  - name: ChoiceValue
    description: A submitted choice.
    lenient: string
  - name: ImageKind
    description: What an uploaded photo shows.
    codes:
      - { code: 10, name: face, description: The face. }
      - { code: 11, name: id_front, description: The front of the ID. }
      - { code: 12, name: id_back, description: The back of the ID. }
    write: string
  - name: BankAccountType
    description: The kind of account.
    codes:
      - { code: 1, name: debit_card, description: 'A debit card number, 16 digits.' }
      - { code: 2, name: clabe, description: 'A CLABE, 18 digits.' }
    write: string
  - name: FormOption
    description: One option of a choice item.
    fields:
      - { name: name, type: string, description: The label shown to the user. }
      - { name: type, type: OptionCode, description: The code submitted when chosen. }
      - { name: title, type: string, optional: true, description: A longer label. }
  - name: FormItem
    description: One item of a form.
    fields:
      - { name: id, type: string, optional: true, description: The item's id. }
      - { name: title, type: string, description: The label. }
      - { name: subtitle, type: string, optional: true, description: A hint under the label. }
      - { name: code, type: string, optional: true, description: The request field of the answer. }
      - { name: cate, type: Cate, description: The widget. }
      - { name: inputType, type: InputType, optional: true, description: The keyboard. }
      - { name: note, type: list<FormOption>, optional: true, description: The options. }
      - { name: optional, type: integer, optional: true, description: 1 when the item may be left empty. }
      - { name: status, type: integer, description: Certification status. }
      - { name: statusName, type: string, optional: true, description: The status as text. }
      - { name: enable, type: boolean, optional: true, description: Whether the item can be edited. }
      - { name: value, type: string, optional: true, sensitive: true, description: The value filled in. }
      - { name: displayValue, type: string, optional: true, sensitive: true, description: The value as shown. }
      - { name: dateSelect, type: integer, optional: true, description: 1 for date items. }
      - { name: bankType, type: integer, optional: true, description: The account type. }
  - name: FormData
    description: The data of a form init endpoint.
    fields:
      - { name: items, type: list<FormItem>, description: 'The form''s items, in display order.' }
",
    );
}

/// Shared record structs: `Record<k>` has 3 to 9 fields, and refers to earlier records (so
/// there is no cycle), to the shared types, and to lists of both.
fn record_types(out: &mut String, count: usize) {
    const SCALARS: &[(&str, &str)] = &[
        ("string", ""),
        ("string", ", sensitive: true"),
        ("integer", ""),
        ("number", ""),
        ("boolean", ""),
        ("string", ", optional: true"),
        ("OptionCode", ""),
        ("ChoiceValue", ""),
        ("Cate", ""),
        ("list<FormOption>", ", optional: true"),
    ];
    for k in 0..count {
        let mut rng = Stream::new(0x5EC0_0000 + k as u64);
        let _ = writeln!(out, "  - name: Record{k}");
        let _ = writeln!(
            out,
            "    description: Shared record {k}, answered by several endpoints."
        );
        out.push_str("    fields:\n");
        let fields = 3 + rng.below(7);
        for f in 0..fields {
            let name = format!(
                "{}_{f}",
                ["value", "amount", "label", "state", "link"][f % 5]
            );
            // One field in four refers to an earlier record, directly or through a list.
            if k > 0 && rng.below(4) == 0 {
                let other = rng.below(k);
                let ty = if rng.below(2) == 0 {
                    format!("Record{other}")
                } else {
                    format!("list<Record{other}>")
                };
                let _ = writeln!(
                    out,
                    "      - {{ name: {name}, type: '{ty}', description: A nested record. }}"
                );
            } else {
                let (ty, extra) = SCALARS[rng.below(SCALARS.len())];
                let _ = writeln!(
                    out,
                    "      - {{ name: {name}, type: '{ty}'{extra}, description: Field {f} of record {k}. }}"
                );
            }
        }
    }
    out.push('\n');
}

fn services(out: &mut String, endpoints: usize) {
    const PER_SERVICE: usize = 20;
    let records = records(endpoints);
    out.push_str("services:\n");
    let mut index = 0;
    let mut service = 0;
    while index < endpoints {
        let word = SERVICE_WORDS[service % SERVICE_WORDS.len()];
        let name = format!("{word}_{service}");
        let _ = writeln!(out, "  - name: {name}");
        let _ = writeln!(
            out,
            "    description: Service {service} ({word}) of the synthetic API."
        );
        out.push_str("    endpoints:\n");
        let end = (index + PER_SERVICE).min(endpoints);
        while index < end {
            endpoint(out, &name, index, records);
            index += 1;
        }
        service += 1;
    }
}

fn endpoint(out: &mut String, service: &str, i: usize, records: usize) {
    let mut rng = Stream::new(i as u64 + 1);
    let verb = VERBS[i % VERBS.len()];
    let noun = NOUNS[(i / VERBS.len()) % NOUNS.len()];
    let version = 1 + i % 3;
    let multipart = i % 29 == 28;
    let form = !multipart && i % 13 == 12;
    let card = !multipart && !form && i % 11 == 10;

    let _ = writeln!(out, "      - real: /v{version}/{service}/{verb}-{noun}-{i}");
    // An obfuscated path, unique through its index suffix, never a real name (other prefix).
    let _ = writeln!(out, "        path: /Synth/{}{i:x}", rng.word_of(4, 6));
    let _ = writeln!(out, "        title: 第{i}项 {verb} {noun}");
    let _ = writeln!(
        out,
        "        summary: {} the {} ({i}).",
        capitalized(verb),
        noun.replace('-', " ")
    );
    if i.is_multiple_of(4) {
        let _ = writeln!(
            out,
            "        description: >-\n          Endpoint {i} of service {service}: a longer description, as\n          the source documents give for some endpoints."
        );
    }
    if multipart {
        out.push_str("        encoding: multipart\n");
    } else if form {
        out.push_str("        encoding: form\n");
    }
    if i % 17 == 16 {
        out.push_str("        success: [\"0\"]\n");
    }

    let decoys = i % 4;
    if decoys > 0 {
        out.push_str("        decoys:\n");
        for d in 0..decoys {
            // Mixed-case names with a digit, so no catalog field (lower snake_case) collides.
            let name = format!("{}{d}", rng.word_of(3, 4));
            if d == 1 && i.is_multiple_of(3) {
                let _ = writeln!(
                    out,
                    "          - {{ name: {name}, generate: alphanumeric, length: 8 }}"
                );
            } else {
                let _ = writeln!(
                    out,
                    "          - {{ name: {name}, value: \"{}\" }}",
                    rng.word_of(1, 6)
                );
            }
        }
    }

    out.push_str("        request:\n");
    let wanted = 2 + rng.below(11);
    let start = rng.below(CATALOG.len());
    let mut written = 0;
    for step in 0..CATALOG.len() {
        if written == wanted {
            break;
        }
        let entry = &CATALOG[(start + step) % CATALOG.len()];
        if (form || multipart) && !entry.flat {
            continue;
        }
        let _ = writeln!(
            out,
            "          - {{ name: {}, {} }}",
            entry.name, entry.yaml
        );
        written += 1;
    }
    if multipart {
        out.push_str(
            "          - { name: attach, type: file, sensitive: true, description: 'The photo.' }\n",
        );
    }
    if card {
        out.push_str(
            "          - { name: cardNo, type: string, sensitive: true, description: 'The card or CLABE number.' }
          - { name: confirmCardNo, type: string, optional: true, sensitive: true, description: 'The number again.' }
          - { name: bankType, type: BankAccountType, description: 'The kind of account.' }
",
        );
    }
    if i % 10 < 7 {
        let response = if i.is_multiple_of(5) {
            "FormData".to_owned()
        } else {
            format!("Record{}", rng.below(records))
        };
        let _ = writeln!(out, "        response: {response}");
    }
    if card {
        out.push_str(
            "        rules:
          - equal: [confirmCardNo, cardNo]
            description: The confirmation repeats the number.
          - when: { field: bankType, is: \"1\" }
            then: { field: cardNo, length: { min: 16, max: 16 }, format: luhn }
            description: A debit card number is 16 digits passing the Luhn check.
          - when: { field: bankType, is: \"2\" }
            then: { field: cardNo, format: clabe }
            description: A CLABE is 18 digits with its check digit.
",
        );
    }
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
