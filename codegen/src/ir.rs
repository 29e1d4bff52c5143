//! The IR: an API after every check, owned and resolved. Rust names are valid identifiers,
//! type references point at real types, nothing clashes, every endpoint has one disguise per
//! build. It has its own enums (encodings, policies, formats, value kinds), so emitters see
//! only this module and never the spec's types; `check` is the one place that maps one to the
//! other.

/// A checked API.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    /// The API's short name.
    pub name: String,
    /// A human title, if the spec gave one.
    pub title: Option<String>,
    /// Free text from the spec.
    pub description: Option<String>,
    /// The response envelope.
    pub envelope: Envelope,
    /// Named types, in spec order.
    pub types: Vec<TypeDef>,
    /// Named option lists, in spec order.
    pub option_lists: Vec<OptionList>,
    /// Services, in spec order.
    pub services: Vec<Service>,
    /// The app builds, the base first; every endpoint has one disguise per variant, in this
    /// order.
    pub variants: Vec<Variant>,
    /// How the generated server behaves.
    pub server: ServerPolicy,
}

impl Api {
    /// The API with one app build only: its variant, and each endpoint's disguise in it. For
    /// a client app, whose binary must carry no other build's public paths and decoys.
    pub fn only_variant(mut self, name: &str) -> Result<Api, String> {
        let Some(index) = self.variants.iter().position(|v| v.name == name) else {
            let names: Vec<&str> = self.variants.iter().map(|v| v.name.as_str()).collect();
            return Err(format!(
                "no variant `{name}`; the spec has {}",
                names.join(", ")
            ));
        };
        self.variants = vec![self.variants.swap_remove(index)];
        for endpoint in self.services.iter_mut().flat_map(|s| &mut s.endpoints) {
            if index >= endpoint.disguises.len() {
                return Err(Bug::missing_disguise(endpoint).to_string());
            }
            let disguise = endpoint.disguises.swap_remove(index);
            endpoint.disguises = vec![disguise];
        }
        Ok(self)
    }

    /// The named type at `index` in [`Api::types`].
    pub fn type_def(&self, index: usize) -> Result<&TypeDef, Bug> {
        self.types.get(index).ok_or_else(|| {
            Bug(format!(
                "a type reference to type {index} of {}",
                self.types.len()
            ))
        })
    }

    /// The option list at `index` in [`Api::option_lists`].
    pub fn option_list(&self, index: usize) -> Result<&OptionList, Bug> {
        self.option_lists.get(index).ok_or_else(|| {
            let count = self.option_lists.len();
            Bug(format!("a choice of option list {index} of {count}"))
        })
    }

    /// The base build: the first variant.
    pub fn base_variant(&self) -> Result<&Variant, Bug> {
        self.variants
            .first()
            .ok_or_else(|| Bug("an API without builds".to_owned()))
    }

    /// Whether any endpoint needs a session: the server traits then require
    /// `veil::server::Authenticate`.
    pub fn needs_sessions(&self) -> bool {
        self.services
            .iter()
            .flat_map(|s| &s.endpoints)
            .any(|e| e.needs_session)
    }

    /// How `endpoint` proves its session in `variant`: the build's header when the endpoint
    /// needs a session, else `None`.
    pub fn session_of<'a>(
        &self,
        variant: &'a Variant,
        endpoint: &Endpoint,
    ) -> Result<Option<&'a SessionHeader>, Bug> {
        if !endpoint.needs_session {
            return Ok(None);
        }
        variant.session.as_ref().map(Some).ok_or_else(|| {
            Bug(format!(
                "endpoint `{}` needs a session that build `{}` sends in no header",
                endpoint.real_name, variant.name
            ))
        })
    }

    /// Each build with `endpoint`'s disguise in it, in order.
    pub fn builds<'a>(
        &'a self,
        endpoint: &'a Endpoint,
    ) -> Result<impl Iterator<Item = (&'a Variant, &'a Disguise)>, Bug> {
        if endpoint.disguises.len() != self.variants.len() {
            return Err(Bug::missing_disguise(endpoint));
        }
        Ok(self.variants.iter().zip(&endpoint.disguises))
    }
}

/// An IR that breaks an invariant `check` guarantees (an index out of range, a missing
/// disguise): never built by `check`, so meeting one is a bug in veil. Emitters return it
/// instead of writing wrong code, and it reaches the user as a "please report" error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bug(pub String);

impl Bug {
    fn missing_disguise(endpoint: &Endpoint) -> Bug {
        Bug(format!(
            "endpoint `{}` has {} disguises, not one per build",
            endpoint.real_name,
            endpoint.disguises.len()
        ))
    }
}

impl std::fmt::Display for Bug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the IR has {}", self.0)
    }
}

/// An app build: a name for one complete disguise of the API.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    /// Its name.
    pub name: String,
    /// Its Rust name, a variant of the generated `Variant` enum.
    pub rust: RustName,
    /// Free text from the spec.
    pub description: Option<String>,
    /// How this build sends the session credential; `None` when the API has no sessions.
    pub session: Option<SessionHeader>,
}

/// The `server:` block, defaults filled in.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerPolicy {
    /// What to do with decoys.
    pub decoys: DecoyPolicy,
    /// Which HTTP statuses failures get.
    pub http_status: HttpStatusPolicy,
    /// The largest JSON or form body, in bytes.
    pub body_limit: u64,
    /// The largest multipart body, in bytes.
    pub upload_limit: u64,
    /// The envelope message of a success.
    pub success_message: String,
    /// The codes of the server's own failures.
    pub codes: ErrorCodes,
}

/// The envelope codes of the server's own failures.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorCodes {
    /// Malformed requests and rejected decoys.
    pub bad_request: String,
    /// Unknown paths.
    pub not_found: String,
    /// Wrong content types.
    pub unsupported_media_type: String,
    /// Bodies over the limit.
    pub payload_too_large: String,
    /// Failures of the server itself.
    pub internal: String,
    /// Requests shed past the limit in flight, and handlers past their time limit.
    pub busy: String,
    /// Requests without the session an endpoint needs, or with a refused credential.
    pub unauthorized: String,
}

/// How an app build sends its session credential.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionHeader {
    /// The request header, as the spec spells it.
    pub header: String,
    /// The scheme before the credential in the header's value (`Bearer`), if any.
    pub scheme: Option<String>,
}

/// How a request body is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded`: flat `name=value` pairs.
    Form,
    /// `multipart/form-data`: text parts and file parts.
    Multipart,
}

impl Encoding {
    /// The media type a request of this encoding carries: the generator's one table (the
    /// OpenAPI documents'). The runtime keeps its own (`veil::__private::meta::Encoding`), since
    /// it cannot depend on the generator; tests/variants.rs holds the two equal.
    pub const fn media_type(self) -> &'static str {
        match self {
            Encoding::Json => "application/json",
            Encoding::Form => "application/x-www-form-urlencoded",
            Encoding::Multipart => "multipart/form-data",
        }
    }
}

/// What the server does with decoys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecoyPolicy {
    /// Accepted, not required, never passed to user code.
    Ignore,
    /// A missing or wrong decoy is rejected with a generic error.
    Verify,
}

/// Which HTTP statuses failures are answered with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HttpStatusPolicy {
    /// Always `200 OK`; the envelope's code tells success from failure.
    AlwaysOk,
    /// A status matching the failure (400, 404, 405, 413, 415, 500).
    Mapped,
}

/// The characters a generated decoy value is drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecoyCharset {
    /// `0-9`.
    Digits,
    /// `0-9a-f`.
    Hex,
    /// `0-9A-Za-z`.
    Alphanumeric,
}

/// How a lenient scalar or a coded choice is written on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarForm {
    /// A JSON number.
    Integer,
    /// A JSON string.
    String,
}

/// The formats with rules of their own: the kinds of format constraint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

/// What a field's value is: decided once, in `check`, from its type, and read by every
/// emitter that needs it (validation, rules). It says which constraints can apply and how
/// the value reads as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// A `String`.
    Text,
    /// A lenient string: `.0` is the `String`.
    LenientText,
    /// An `i64`.
    Integer,
    /// A lenient integer: `.0` is the `i64`.
    LenientInteger,
    /// An `f64`.
    Number,
    /// A `bool`.
    Boolean,
    /// A string enum, with `as_str()`.
    Enum,
    /// A coded choice, with `code()`.
    Coded,
    /// A named struct, with its own `validate_into`.
    Struct,
    /// A list of values of the inner kind.
    List(Box<ValueKind>),
    /// An uploaded file.
    File,
}

/// A Rust identifier, valid by construction: `check` builds these, emitters print them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RustName {
    /// The identifier without any `r#` prefix.
    pub text: String,
    /// True when it must be written as a raw identifier (`r#type`).
    pub raw: bool,
}

impl RustName {
    /// How the name reads in Rust source.
    pub fn source(&self) -> String {
        if self.raw {
            format!("r#{}", self.text)
        } else {
            self.text.clone()
        }
    }
}

/// The `{code, message, data}` envelope.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope {
    /// Wire name of the result code.
    pub code_field: String,
    /// Wire name of the message.
    pub message_field: String,
    /// Wire name of the payload.
    pub data_field: String,
    /// Success codes for endpoints that do not name their own.
    pub success: Vec<String>,
}

/// A named type.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// The name the spec refers to it by.
    pub spec_name: String,
    /// Its Rust name.
    pub rust: RustName,
    /// Free text from the spec.
    pub description: Option<String>,
    /// What it is.
    pub kind: TypeKind,
    /// For structs: rules across fields.
    pub rules: Vec<Rule>,
}

/// A named list of option codes.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionList {
    /// Its name.
    pub name: String,
    /// Free text from the spec.
    pub description: Option<String>,
    /// The valid codes, with their labels.
    pub options: Vec<(i64, Option<String>)>,
}

/// What a valid value is. Every constraint applies when the field is present.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Constraints {
    /// Length bounds in characters.
    pub length: Option<Bounds<u64>>,
    /// A regular expression the whole value must match, anchored: `^(?:...)$`.
    pub pattern: Option<String>,
    /// Numeric bounds.
    pub range: Option<Bounds<f64>>,
    /// A format with its own rules.
    pub format: Option<Format>,
    /// The option list whose codes are the only valid values, by index in
    /// [`Api::option_lists`].
    pub choice: Option<usize>,
}

impl Constraints {
    /// True when nothing is constrained.
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// Inclusive bounds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds<T> {
    /// The smallest valid value.
    pub min: Option<T>,
    /// The largest valid value.
    pub max: Option<T>,
}

/// A rule across the fields of a request or struct.
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    /// Two fields hold the same value when both are present.
    Equal {
        /// The first field, by index in the struct's fields.
        first: usize,
        /// The second field.
        second: usize,
    },
    /// When `field` holds `is` (compared as text), `then` constrains `target`.
    When {
        /// The field tested.
        field: usize,
        /// The value, as text.
        is: String,
        /// The field constrained.
        target: usize,
        /// Its constraints.
        then: Constraints,
    },
}

/// The kinds of named types.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// A struct of fields.
    Struct(Vec<Field>),
    /// An enum of strings: each variant reads its value and aliases, writes its value.
    Enum(Vec<EnumVariant>),
    /// A choice coded as an integer; read from a number or a numeric string.
    Coded {
        /// The choices.
        variants: Vec<CodedVariant>,
        /// How the code is written.
        write: ScalarForm,
    },
    /// A scalar read from a number or a string and written in one form.
    Lenient(ScalarForm),
}

/// A field of a struct or of a request.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The wire name, exactly as on the wire.
    pub wire: String,
    /// The Rust field name.
    pub rust: RustName,
    /// Its type.
    pub ty: TypeRef,
    /// What its value is, decided from `ty` by `check`.
    pub value: ValueKind,
    /// True when the field may be absent; its Rust type is then an `Option`.
    pub optional: bool,
    /// True for personal data: redacted by `Debug`, never logged.
    pub sensitive: bool,
    /// Free text from the spec.
    pub description: Option<String>,
    /// What a valid value is.
    pub constraints: Constraints,
}

/// A reference to a type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeRef {
    /// A UTF-8 string.
    String,
    /// A 64-bit signed integer.
    Integer,
    /// A 64-bit float.
    Number,
    /// `true` or `false`.
    Boolean,
    /// An uploaded file (multipart requests only).
    File,
    /// A list of the inner type.
    List(Box<TypeRef>),
    /// A named type, by its index in [`Api::types`].
    Named(usize),
}

/// A variant of a string enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumVariant {
    /// The Rust variant name.
    pub rust: RustName,
    /// The canonical wire value, the one written.
    pub value: String,
    /// Other spellings that read as this variant.
    pub aliases: Vec<String>,
    /// Free text from the spec.
    pub description: Option<String>,
}

/// A choice of a coded type.
#[derive(Clone, Debug, PartialEq)]
pub struct CodedVariant {
    /// The Rust variant name.
    pub rust: RustName,
    /// The integer on the wire.
    pub code: i64,
    /// Free text from the spec.
    pub description: Option<String>,
}

/// A service: a group of endpoints behind one trait and one client.
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    /// The service name as written.
    pub name: String,
    /// The server trait (`CertifyApi`).
    pub api_trait: RustName,
    /// The client (`CertifyClient`).
    pub client: RustName,
    /// Free text from the spec.
    pub description: Option<String>,
    /// Its endpoints, in spec order.
    pub endpoints: Vec<Endpoint>,
}

/// One endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    /// The Rust method name (`credit_info`).
    pub rust: RustName,
    /// The backend's own route (`/v3/certify/credit-info`).
    pub real_name: String,
    /// An English one-line summary.
    pub summary: String,
    /// The original title from the source document.
    pub title: Option<String>,
    /// Free text from the spec.
    pub description: Option<String>,
    /// How the request body is encoded.
    pub encoding: Encoding,
    /// The codes that mean success.
    pub success: Vec<String>,
    /// How the endpoint is disguised on the wire, one entry per app build (variant).
    pub disguises: Vec<Disguise>,
    /// The request type.
    pub request: Request,
    /// The type of the envelope's `data`, if the answer carries any.
    pub response: Option<TypeRef>,
    /// Whether a request needs a session (sent as each build's [`Variant::session`] says).
    pub needs_session: bool,
}

impl Endpoint {
    /// The code a success is answered with: the first of [`Endpoint::success`].
    pub fn success_code(&self) -> Result<&str, Bug> {
        self.success.first().map(String::as_str).ok_or_else(|| {
            Bug(format!(
                "endpoint `{}` without success codes",
                self.real_name
            ))
        })
    }

    /// The disguise of the base build.
    pub fn base_disguise(&self) -> Result<&Disguise, Bug> {
        self.disguises
            .first()
            .ok_or_else(|| Bug::missing_disguise(self))
    }
}

/// The field at `index` of a struct's or request's fields, as rules refer to it.
pub fn field(fields: &[Field], index: usize) -> Result<&Field, Bug> {
    fields
        .get(index)
        .ok_or_else(|| Bug(format!("a rule on field {index} of {}", fields.len())))
}

/// The request type of an endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The Rust type name (`CreditInfoRequest`).
    pub rust: RustName,
    /// Its fields, decoys excluded.
    pub fields: Vec<Field>,
    /// Rules across its fields.
    pub rules: Vec<Rule>,
}

/// How one app build disguises an endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct Disguise {
    /// The variant's name.
    pub variant: String,
    /// The public, obfuscated path clients call.
    pub public_path: String,
    /// The decoy fields sent with every request.
    pub decoys: Vec<Decoy>,
}

/// A decoy field.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoy {
    /// The wire name.
    pub wire: String,
    /// Its value.
    pub value: DecoyValue,
}

/// The value of a decoy field.
#[derive(Clone, Debug, PartialEq)]
pub enum DecoyValue {
    /// The same value in every request.
    Fixed(String),
    /// A fresh value per request.
    Generated {
        /// The characters it is drawn from.
        charset: DecoyCharset,
        /// How many characters.
        length: u64,
    },
}
