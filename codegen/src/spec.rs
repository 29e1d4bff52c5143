//! The spec file as written: serde types that mirror the YAML, with a place on every node that
//! an error may need to point at. Nothing here is checked beyond its YAML shape; `check` turns
//! these into the IR. The reference for spec authors is docs/spec-format.md.

use serde::Deserialize;
use serde_saphyr::Spanned;

/// A whole spec file.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The spec format version. Version 1 is the only one.
    #[cfg_attr(feature = "schema", schemars(with = "u64", range(min = 1, max = 1)))]
    pub veil: Spanned<u64>,
    /// What the API is.
    #[cfg_attr(feature = "schema", schemars(with = "ApiSpec"))]
    pub api: Spanned<ApiSpec>,
    /// The response envelope every endpoint answers with.
    #[cfg_attr(feature = "schema", schemars(with = "EnvelopeSpec"))]
    pub envelope: Spanned<EnvelopeSpec>,
    /// Named types: structs, enums, coded choices and lenient scalars.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<TypeSpec>"))]
    pub types: Vec<Spanned<TypeSpec>>,
    /// Named option lists, for fields whose value must be one of their codes (`choice:`).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<OptionListSpec>"))]
    pub options: Vec<Spanned<OptionListSpec>>,
    /// Groups of endpoints; each becomes a server trait and a client.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<ServiceSpec>"))]
    pub services: Vec<Spanned<ServiceSpec>>,
    /// How the generated server treats decoys, failures and body sizes.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<ServerSpec>"))]
    pub server: Option<Spanned<ServerSpec>>,
    /// How the app proves its session: the header the credential travels in, and the endpoints
    /// open without one. Absent: no endpoint needs a session.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<SessionSpec>"))]
    pub session: Option<Spanned<SessionSpec>>,
    /// Other app builds of the same API, each with its own disguise.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<VariantSpec>"))]
    pub variants: Vec<Spanned<VariantSpec>>,
}

/// Another app build: the same real endpoints behind other public paths and decoys.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VariantSpec {
    /// The variant's name.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// Free text, carried into the generated docs.
    #[serde(default)]
    pub description: Option<String>,
    /// Derive the disguise of every endpoint this variant does not list.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<AutoDisguiseSpec>"))]
    pub auto_disguise: Option<Spanned<AutoDisguiseSpec>>,
    /// The disguise of each endpoint, by real name.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<VariantEndpointSpec>"))]
    pub endpoints: Vec<Spanned<VariantEndpointSpec>>,
    /// How this build sends the session credential, when it differs from the top-level
    /// `session:`.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<SessionHeaderSpec>"))]
    pub session: Option<Spanned<SessionHeaderSpec>>,
}

/// The top-level `session:` block.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SessionSpec {
    /// The request header that carries the credential, such as `token` or `Authorization`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub header: Spanned<String>,
    /// A scheme written before the credential in the header's value, such as `Bearer`
    /// (`Authorization: Bearer <credential>`); none unless given.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub scheme: Option<Spanned<String>>,
    /// Real names of the endpoints that need no session (a login, say); every other endpoint
    /// needs one.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub open: Vec<Spanned<String>>,
}

/// How one app build sends the session credential.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SessionHeaderSpec {
    /// The request header that carries the credential.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub header: Spanned<String>,
    /// A scheme written before the credential, such as `Bearer`; none unless given.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub scheme: Option<Spanned<String>>,
}

/// One endpoint's disguise in a variant.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VariantEndpointSpec {
    /// The real name of the endpoint disguised.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub real: Spanned<String>,
    /// Its public path in this variant.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub path: Spanned<String>,
    /// Its decoys in this variant.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<DecoySpec>"))]
    pub decoys: Vec<Spanned<DecoySpec>>,
}

/// Derives public paths and decoys from a salt, for endpoints that list none.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AutoDisguiseSpec {
    /// Any text; the same salt gives the same disguises.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub salt: Spanned<String>,
    /// A path prefix such as `/Crapido`; none unless given.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub prefix: Option<Spanned<String>>,
    /// How many decoys each endpoint gets; 2 unless given.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<u64>"))]
    pub decoys: Option<Spanned<u64>>,
}

/// The `server:` block. Every key has a default, so the block itself is optional.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ServerSpec {
    /// What to do with decoys: `ignore` (the default) or `verify`.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DecoyPolicy>"))]
    pub decoys: Option<Spanned<DecoyPolicy>>,
    /// Which HTTP status failures get: `always_ok` (the default) or `mapped`.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<HttpStatusPolicy>"))]
    pub http_status: Option<Spanned<HttpStatusPolicy>>,
    /// The largest JSON or form body, in bytes.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<u64>"))]
    pub body_limit: Option<Spanned<u64>>,
    /// The largest multipart body, in bytes.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<u64>"))]
    pub upload_limit: Option<Spanned<u64>>,
    /// The envelope message of a success.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub success_message: Option<Spanned<String>>,
    /// The envelope codes of the server's own failures.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<ErrorCodesSpec>"))]
    pub codes: Option<Spanned<ErrorCodesSpec>>,
}

/// What the server does with decoys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DecoyPolicy {
    /// Accepted, not required, never passed to user code.
    Ignore,
    /// A missing or wrong decoy is rejected with a generic error.
    Verify,
}

/// Which HTTP status failures are answered with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum HttpStatusPolicy {
    /// Always `200 OK`; the envelope's code tells success from failure.
    AlwaysOk,
    /// A status matching the failure (400, 404, 405, 408, 413, 415, 500, 503).
    Mapped,
}

/// The `server.codes:` block.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ErrorCodesSpec {
    /// Malformed body, wrong types, missing fields, rejected decoys, wrong method.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub bad_request: Option<Spanned<String>>,
    /// No endpoint at the path.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub not_found: Option<Spanned<String>>,
    /// A content type other than the endpoint's encoding.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub unsupported_media_type: Option<Spanned<String>>,
    /// A body over the limit.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub payload_too_large: Option<Spanned<String>>,
    /// A failure of the server itself.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub internal: Option<Spanned<String>>,
    /// The server is past its limit of requests in flight, or the endpoint's implementation did
    /// not answer within the handler time limit: the client may try again later.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub busy: Option<Spanned<String>>,
    /// A request to an endpoint that needs a session came without a credential, or with one
    /// the server refused.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub unauthorized: Option<Spanned<String>>,
}

/// The `api:` block.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ApiSpec {
    /// A short name, such as `crapido`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// A human title.
    #[serde(default)]
    pub title: Option<String>,
    /// Free text, carried into the generated docs.
    #[serde(default)]
    pub description: Option<String>,
    /// The name of the app build whose disguise the endpoints describe.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub variant: Option<Spanned<String>>,
    /// Derive the disguise of every endpoint that lists no `path`, in that app build.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<AutoDisguiseSpec>"))]
    pub auto_disguise: Option<Spanned<AutoDisguiseSpec>>,
}

/// The `envelope:` block: the field names of `{code, message, data}` and the success codes.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EnvelopeSpec {
    /// Wire name of the result code field.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub code: Option<Spanned<String>>,
    /// Wire name of the human message field.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub message: Option<Spanned<String>>,
    /// Wire name of the payload field.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub data: Option<Spanned<String>>,
    /// The codes that mean success, unless an endpoint says otherwise.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub success: Spanned<Vec<Spanned<String>>>,
}

/// One entry of `types:`. Exactly one of `fields`, `values`, `codes` and `lenient` says its kind.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TypeSpec {
    /// The name other places refer to the type by; also its Rust name unless `rust` is given.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// The Rust name, when the spec name does not make a good one.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub rust: Option<Spanned<String>>,
    /// Free text, carried into the generated docs.
    #[serde(default)]
    pub description: Option<String>,
    /// A struct: its fields in wire order.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<FieldSpec>>"))]
    pub fields: Option<Vec<Spanned<FieldSpec>>>,
    /// An enum of strings: each value with its aliases.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<EnumValueSpec>>"))]
    pub values: Option<Spanned<Vec<Spanned<EnumValueSpec>>>>,
    /// A choice coded as an integer on the wire.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<CodeSpec>>"))]
    pub codes: Option<Spanned<Vec<Spanned<CodeSpec>>>>,
    /// A scalar read from a number or a string: `integer` or `string`, the form it is written in.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<ScalarForm>"))]
    pub lenient: Option<Spanned<ScalarForm>>,
    /// For `codes`: the form the code is written in (`integer`, the default, or `string`).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<ScalarForm>"))]
    pub write: Option<Spanned<ScalarForm>>,
    /// For structs: rules across fields.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RuleSpec>"))]
    pub rules: Vec<Spanned<RuleSpec>>,
}

/// How a lenient scalar or a coded choice is written on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ScalarForm {
    /// A JSON number.
    Integer,
    /// A JSON string.
    String,
}

/// One field of a struct or of an endpoint's request.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// The wire name, exactly as on the wire.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// The Rust name, when the wire name does not make a good one.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub rust: Option<Spanned<String>>,
    /// The type: `string`, `integer`, `number`, `boolean`, `file`, `list<T>` or a named type.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub ty: Spanned<String>,
    /// True when the field may be absent (the seed's `可选 是`).
    #[serde(default)]
    pub optional: bool,
    /// True for personal data: never printed by `Debug`, never logged.
    #[serde(default)]
    pub sensitive: bool,
    /// Free text, carried into the generated docs.
    #[serde(default)]
    pub description: Option<String>,
    // Constraints: what a valid value is. Written out here and in `ThenSpec` rather than
    // flattened, because serde's `flatten` buffers the nodes and loses their places.
    /// Length bounds in characters (strings and lenient strings).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<BoundsSpec>"))]
    pub length: Option<Spanned<BoundsSpec>>,
    /// A regular expression the whole value must match (strings and lenient strings).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub pattern: Option<Spanned<String>>,
    /// Numeric bounds (integers, numbers, lenient integers).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<BoundsSpec>"))]
    pub range: Option<Spanned<BoundsSpec>>,
    /// A format with its own rules: `curp`, `clabe`, `luhn`, `mx_mobile`, `email`, `date`.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Format>"))]
    pub format: Option<Spanned<Format>>,
    /// The name of an option list whose codes are the only valid values.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub choice: Option<Spanned<String>>,
}

/// The constraints of a field or of a rule's `then`, borrowed.
#[derive(Clone, Copy, Debug)]
pub struct Constraints<'a> {
    /// Length bounds.
    pub length: Option<&'a Spanned<BoundsSpec>>,
    /// A regular expression.
    pub pattern: Option<&'a Spanned<String>>,
    /// Numeric bounds.
    pub range: Option<&'a Spanned<BoundsSpec>>,
    /// A format.
    pub format: Option<&'a Spanned<Format>>,
    /// An option list.
    pub choice: Option<&'a Spanned<String>>,
}

impl FieldSpec {
    /// The field's constraints.
    pub fn constraints(&self) -> Constraints<'_> {
        Constraints {
            length: self.length.as_ref(),
            pattern: self.pattern.as_ref(),
            range: self.range.as_ref(),
            format: self.format.as_ref(),
            choice: self.choice.as_ref(),
        }
    }
}

impl ThenSpec {
    /// The constraints the rule puts on its field.
    pub fn constraints(&self) -> Constraints<'_> {
        Constraints {
            length: self.length.as_ref(),
            pattern: self.pattern.as_ref(),
            range: self.range.as_ref(),
            format: self.format.as_ref(),
            choice: self.choice.as_ref(),
        }
    }
}

/// Inclusive bounds; either may be left out.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BoundsSpec {
    /// The smallest valid length or value.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<f64>"))]
    pub min: Option<Spanned<f64>>,
    /// The largest valid length or value.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<f64>"))]
    pub max: Option<Spanned<f64>>,
}

/// Formats with rules of their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// A Mexican CURP: structure, birth date, sex, state and check digit.
    Curp,
    /// A CLABE interbank account number: 18 digits and check digit.
    Clabe,
    /// A card number passing the Luhn check.
    Luhn,
    /// A Mexican mobile number: 10 digits, first 2-9, optionally after +52.
    MxMobile,
    /// An email address.
    Email,
    /// A date as DD/MM/YYYY.
    Date,
}

/// A named list of option codes.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OptionListSpec {
    /// The name `choice:` refers to.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// Free text for readers of the spec.
    #[serde(default)]
    pub description: Option<String>,
    /// The options.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<OptionSpec>"))]
    pub options: Spanned<Vec<Spanned<OptionSpec>>>,
}

/// One option: its code and label.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OptionSpec {
    /// The code submitted when the option is chosen.
    #[cfg_attr(feature = "schema", schemars(with = "i64"))]
    pub code: Spanned<i64>,
    /// The label.
    #[serde(default)]
    pub name: Option<String>,
}

/// A rule across the fields of a request or struct: `equal`, or `when` with `then`.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Two fields that must hold the same value when both are present.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<String>>"))]
    pub equal: Option<Spanned<Vec<Spanned<String>>>>,
    /// A condition on a field's value.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<ConditionSpec>"))]
    pub when: Option<Spanned<ConditionSpec>>,
    /// The constraints on another field that hold when the condition does.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<ThenSpec>"))]
    pub then: Option<Spanned<ThenSpec>>,
    /// Why the rule exists, for readers of the spec.
    #[serde(default)]
    pub description: Option<String>,
}

/// `field` holds `is` (compared as text, so `1` matches `"1"`).
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConditionSpec {
    /// The wire name of the field tested.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub field: Spanned<String>,
    /// The value that makes the condition true.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub is: Spanned<String>,
}

/// The constraints a rule puts on a field.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ThenSpec {
    /// The wire name of the field constrained.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub field: Spanned<String>,
    /// Length bounds in characters (strings and lenient strings).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<BoundsSpec>"))]
    pub length: Option<Spanned<BoundsSpec>>,
    /// A regular expression the whole value must match (strings and lenient strings).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub pattern: Option<Spanned<String>>,
    /// Numeric bounds (integers, numbers, lenient integers).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<BoundsSpec>"))]
    pub range: Option<Spanned<BoundsSpec>>,
    /// A format with its own rules: `curp`, `clabe`, `luhn`, `mx_mobile`, `email`, `date`.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Format>"))]
    pub format: Option<Spanned<Format>>,
    /// The name of an option list whose codes are the only valid values.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub choice: Option<Spanned<String>>,
}

/// One value of a string enum.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EnumValueSpec {
    /// The canonical wire value, the one written.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub value: Spanned<String>,
    /// Other spellings read as this value.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub aliases: Vec<Spanned<String>>,
    /// The Rust variant name, when the value does not make a good one.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub rust: Option<Spanned<String>>,
    /// Free text, carried into the generated docs.
    #[serde(default)]
    pub description: Option<String>,
}

/// One choice of a coded type.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CodeSpec {
    /// The integer on the wire.
    #[cfg_attr(feature = "schema", schemars(with = "i64"))]
    pub code: Spanned<i64>,
    /// The Rust variant name (converted to UpperCamelCase).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// Free text, carried into the generated docs.
    #[serde(default)]
    pub description: Option<String>,
}

/// One entry of `services:`.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ServiceSpec {
    /// The service name; the trait is `<Name>Api`, the client `<Name>Client`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// Free text, carried into the generated docs.
    #[serde(default)]
    pub description: Option<String>,
    /// The endpoints, in the order they are documented.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<EndpointSpec>"))]
    pub endpoints: Vec<Spanned<EndpointSpec>>,
}

/// One endpoint. Every endpoint is `POST`.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EndpointSpec {
    /// The real name: the backend's own route, such as `/v3/certify/credit-info`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub real: Spanned<String>,
    /// The public, obfuscated path that clients call, such as `/Crapido/mkla-pk`; derived when
    /// absent and `api.auto_disguise` is set.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub path: Option<Spanned<String>>,
    /// The Rust method name, when the last segment of the real name does not make a good one.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub rust: Option<Spanned<String>>,
    /// A one-line summary in English.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub summary: Spanned<String>,
    /// The original title from the source document.
    #[serde(default)]
    pub title: Option<String>,
    /// Free text, carried into the generated docs.
    #[serde(default)]
    pub description: Option<String>,
    /// The request body encoding; `json` unless given.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Encoding>"))]
    pub encoding: Option<Spanned<Encoding>>,
    /// Success codes of this endpoint, when they differ from the envelope's.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<String>>"))]
    pub success: Option<Spanned<Vec<Spanned<String>>>>,
    /// Decoy fields sent with every request.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<DecoySpec>"))]
    pub decoys: Vec<Spanned<DecoySpec>>,
    /// The request fields, in wire order.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<FieldSpec>"))]
    pub request: Vec<Spanned<FieldSpec>>,
    /// The type of the envelope's `data`; absent when the answer carries no data.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub response: Option<Spanned<String>>,
    /// Rules across the request's fields.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RuleSpec>"))]
    pub rules: Vec<Spanned<RuleSpec>>,
}

/// The encoding of a request body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`, for endpoints with `file` fields.
    Multipart,
}

/// One decoy field: a wire name and either a fixed `value` or a `generate`d one.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DecoySpec {
    /// The wire name.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// The fixed value.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub value: Option<Spanned<String>>,
    /// A value the client makes afresh for every request.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DecoyCharset>"))]
    pub generate: Option<Spanned<DecoyCharset>>,
    /// The length of a generated value; 8 unless given.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<u64>"))]
    pub length: Option<Spanned<u64>>,
}

/// The characters a generated decoy value is drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum DecoyCharset {
    /// `0-9`.
    Digits,
    /// `0-9a-f`.
    Hex,
    /// `0-9A-Za-z`.
    Alphanumeric,
}
