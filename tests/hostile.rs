//! The obstacle course: tests/specs/hostile.yaml names its types, fields, enum values, codes,
//! endpoints, services, decoys and envelope fields after Rust keywords, prelude items and the
//! names the generated code uses itself (`__api`, `__formatter`, `__S`, `router`, `request`,
//! `context`, ...). The whole API must compile without a single warning (this file denies them,
//! and `cargo clippy --tests -p veil -- -D warnings` runs over it), and every endpoint must answer
//! through the generated clients over real HTTP, JSON, form and multipart alike. Each backend
//! method echoes something of its request into its answer, so every assertion below checks a
//! value that made the round trip.
#![deny(warnings)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use veil::FilePart;
use veil::client::ClientError;
use veil::server::{ApiError, RequestContext, ServerOptions};

/// The generated API. Nothing is imported from it with a glob: its `Option`, `Result`, `Some`,
/// `Ok`, `String`, `Vec`, `Box`, ... would shadow the prelude in this file.
mod h {
    veil::generate!("specs/hostile.yaml");
}

/// Implements every generated trait; counts the calls that answer no data and records what
/// they received.
#[derive(Default)]
struct Backend {
    calls: Arc<AtomicUsize>,
    seen: Arc<Mutex<Vec<String>>>,
}

impl Backend {
    fn record(&self, what: String) {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.seen.lock().expect("not poisoned").push(what);
    }
}

fn option_value(depth: u8) -> h::Option {
    h::Option {
        r#type: format!("option {depth}"),
        some: depth.is_multiple_of(2).then(|| "Some".to_owned()),
        none: (!depth.is_multiple_of(2)).then_some(-1),
        self_: depth == 0,
        r#box: if depth == 0 {
            Vec::new()
        } else {
            vec![option_value(depth - 1), option_value(depth - 1)]
        },
    }
}

/// A value of the field-name gauntlet, every field set.
fn gauntlet() -> h::Type {
    h::Type {
        r#type: "type".into(),
        r#async: i64::MIN,
        r#await: -0.5,
        r#dyn: true,
        r#gen: h::Result::Some,
        r#try: h::Box::Err,
        self_: h::Client(i64::MAX),
        crate_: h::Router("crate".into()),
        super_: h::Some(-7),
        result: h::Result::Self_,
        option: option_value(2),
        r#box: h::Box::Ñandú,
        client: h::Client(42),
        router: h::Router("ñ \" \\ \u{0} 请求".into()),
        request: "request".into(),
        response: Some("response".into()),
        url: "https://example.invalid/a?b=c&d=e#f".into(),
        _9lives: 9,
        a_b: "a-b".into(),
        ñandú: "ñandú".into(),
        api: "api".into(),
        __api: "__api".into(),
        __request: "__request".into(),
        __context: "__context".into(),
        __formatter: "{}".into(),
        __serializer: "__serializer".into(),
        s: h::S(0),
        __d: h::D::S,
        options: vec![option_value(0), option_value(1)],
        context: Some(vec![vec![h::Box::Self_, h::Box::Box], Vec::new()]),
        zz: "zz".into(),
        fmt: h::Formatter { fmt: "{:?}".into() },
        t: h::T {
            t: "T".into(),
            envelope: option_value(1),
        },
        none: h::None("None".into()),
        ok: h::Ok(0),
        err: h::Err("Err".into()),
        some: Some(h::Some(1)),
        quoted: "\"q\\".into(),
    }
}

/// The gauntlet with values from a form or multipart request written into it.
fn gauntlet_with(request: String, context: Option<Vec<Vec<h::Box>>>) -> h::Type {
    h::Type {
        request,
        context,
        ..gauntlet()
    }
}

fn self_value() -> h::Self_ {
    h::Self_ {
        self_: "Self".into(),
        selves: vec![h::Self_ {
            self_: "inner".into(),
            selves: Vec::new(),
        }],
    }
}

/// A valid `Validate`: every constraint and rule holds, its nested list included.
fn valid(value: &str) -> h::Validate {
    h::Validate {
        __violations: "ok".into(),
        __prefix: 1,
        __value: value.into(),
        __item: Some(h::Router("ñ".into())),
        __index: Some(vec![h::Validate {
            __violations: "inner".into(),
            __prefix: 0,
            __value: "a".into(),
            __item: None,
            __index: None,
            validate: "v".into(),
            self_: None,
        }]),
        validate: "v".into(),
        self_: Some("v".into()),
    }
}

const ALL_RESULTS: [h::Result; 10] = [
    h::Result::Ok,
    h::Result::Err,
    h::Result::Self_,
    h::Result::Type,
    h::Result::_9lives,
    h::Result::AB,
    h::Result::Ñandú,
    h::Result::None,
    h::Result::Some,
    h::Result::Quoted,
];

const ALL_BOXES: [h::Box; 7] = [
    h::Box::Self_,
    h::Box::Box,
    h::Box::None,
    h::Box::_9lives,
    h::Box::Ñandú,
    h::Box::Ok,
    h::Box::Err,
];

impl h::RouterApi for Backend {
    async fn r#type(
        &self,
        request: h::TypeRequest,
        context: RequestContext,
    ) -> Result<h::Type, ApiError> {
        // Echoes the gauntlet, with the route it came in through.
        let mut answer = request.self_;
        answer.response = Some(format!("{} {}", context.public_path(), context.real_name()));
        Ok(answer)
    }

    async fn drop(&self, _: h::DropRequest, context: RequestContext) -> Result<(), ApiError> {
        self.record(format!("drop {}", context.real_name()));
        Ok(())
    }

    async fn clone(
        &self,
        request: h::CloneRequest,
        _: RequestContext,
    ) -> Result<h::Option, ApiError> {
        Ok(request.option)
    }

    async fn self_(
        &self,
        request: h::SelfRequest,
        _: RequestContext,
    ) -> Result<h::Self_, ApiError> {
        Ok(request.self_)
    }

    async fn r#async(
        &self,
        request: h::AsyncRequest,
        _: RequestContext,
    ) -> Result<h::Result, ApiError> {
        Ok(request.r#await)
    }

    async fn _9lives(
        &self,
        request: h::_9livesRequest,
        _: RequestContext,
    ) -> Result<h::Box, ApiError> {
        Ok(request.r#box)
    }

    async fn a_b(
        &self,
        request: h::ABRequest,
        _: RequestContext,
    ) -> Result<Vec<Vec<h::Box>>, ApiError> {
        let mut lists = request.a_b;
        lists.reverse();
        Ok(lists)
    }

    async fn ñandú(
        &self,
        request: h::ÑandúRequest,
        _: RequestContext,
    ) -> Result<String, ApiError> {
        Ok(format!("{}!", request.ñandú))
    }

    async fn request(
        &self,
        request: h::RequestRequest,
        _: RequestContext,
    ) -> Result<h::Request, ApiError> {
        Ok(h::Request {
            request: format!("{}+{}", request.request.request, request.context.context),
        })
    }

    async fn response(
        &self,
        request: h::ResponseRequest,
        _: RequestContext,
    ) -> Result<h::Response, ApiError> {
        let error = request
            .error
            .map_or_else(|| "no error".to_owned(), |e| e.error);
        Ok(h::Response {
            response: format!("{}+{error}", request.response.response),
        })
    }

    async fn context(
        &self,
        request: h::ContextRequest,
        context: RequestContext,
    ) -> Result<h::RequestContext, ApiError> {
        Ok(h::RequestContext {
            context: format!(
                "{}|{}|{}|{}|{}",
                request.context,
                context.public_path(),
                context.real_name(),
                context.variant(),
                context.via_real_name()
            ),
        })
    }

    async fn api(&self, request: h::ApiRequest, _: RequestContext) -> Result<i64, ApiError> {
        Ok(request.api.wrapping_add(1))
    }

    async fn options(
        &self,
        request: h::OptionsRequest,
        _: RequestContext,
    ) -> Result<f64, ApiError> {
        Ok(request.options * 2.0)
    }

    async fn validate(
        &self,
        request: h::ValidateRequest,
        _: RequestContext,
    ) -> Result<h::Validate, ApiError> {
        let mut answer = request.validate;
        answer.__value.push_str(&"ñ".repeat(request.__items.len()));
        Ok(answer)
    }

    async fn router(
        &self,
        request: h::RouterRequest,
        _: RequestContext,
    ) -> Result<h::Router, ApiError> {
        Ok(h::Router(format!(
            "{}{}",
            request.router.0, request.router.0
        )))
    }
}

impl h::ClientApi for Backend {
    async fn __formatter(
        &self,
        request: h::FormatterRequest,
        _: RequestContext,
    ) -> Result<h::A, ApiError> {
        Ok(request.__a)
    }

    async fn __serializer(
        &self,
        request: h::SerializerRequest,
        _: RequestContext,
    ) -> Result<h::S, ApiError> {
        Ok(h::S(-request.__s.0))
    }

    async fn __deserializer(
        &self,
        request: h::DeserializerRequest,
        _: RequestContext,
    ) -> Result<h::D, ApiError> {
        Ok(request.__d)
    }

    async fn default(
        &self,
        request: h::DefaultRequest,
        _: RequestContext,
    ) -> Result<h::Default, ApiError> {
        Ok(h::Default {
            default: request.default.default.map(|d| d + 1),
        })
    }

    async fn eq(&self, request: h::EqRequest, _: RequestContext) -> Result<h::T, ApiError> {
        Ok(request.other)
    }

    async fn fmt(
        &self,
        request: h::FmtRequest,
        _: RequestContext,
    ) -> Result<h::Formatter, ApiError> {
        Ok(request.f)
    }

    async fn main(
        &self,
        request: h::MainRequest,
        _: RequestContext,
    ) -> Result<Vec<h::Future>, ApiError> {
        let h::MainRequest {
            string,
            vec,
            clone: h::Clone {},
            send,
            sized,
            future,
            drop,
        } = request;
        let summary = format!(
            "{} {:?} {} {} {:?}",
            string.string, vec.vec, send.sync, sized.size, drop.drop
        );
        Ok(vec![
            future,
            h::Future {
                output: if summary == "String [\"a\", \"b\"] true 8 None" {
                    h::Result::Ok
                } else {
                    h::Result::Err
                },
            },
        ])
    }
}

impl h::TypeApi for Backend {
    async fn r#in(&self, request: h::InRequest, _: RequestContext) -> Result<h::Type, ApiError> {
        let h::InRequest {
            r#type,
            r#async,
            self_,
            r#await,
            _9lives,
            a_b,
            ñandú,
            url,
            __api,
            zz,
            a_b_c_d,
            quoted,
        } = request;
        let echo = format!(
            "{} {} {} {} {_9lives} {a_b} {ñandú} {url:?} {:?} {} {a_b_c_d} {quoted}",
            r#type.as_str(),
            r#async.code(),
            self_.0,
            r#await.0,
            __api.map(|s| s.0),
            zz.0
        );
        Ok(gauntlet_with(echo, None))
    }

    async fn r#move(
        &self,
        request: h::MoveRequest,
        _: RequestContext,
    ) -> Result<h::Type, ApiError> {
        let h::MoveRequest {
            r#box,
            r#type,
            request,
            context,
            self_,
            ok,
        } = request;
        let file = |f: &FilePart| {
            format!(
                "{}:{}:{:?}",
                f.file_name.as_deref().unwrap_or("-"),
                f.content_type.as_deref().unwrap_or("-"),
                f.bytes
            )
        };
        let echo = format!(
            "{request} {} {} {:?} {} {}",
            file(&r#box),
            r#type.code(),
            context.map(|c| c.0),
            self_.as_ref().map_or_else(|| "no self".to_owned(), file),
            ok.0
        );
        Ok(gauntlet_with(echo, Some(vec![vec![r#type]])))
    }
}

impl h::_9livesApi for Backend {
    async fn a(&self, request: h::ARequest, _: RequestContext) -> Result<(), ApiError> {
        self.record(format!("a {}", request.a.0));
        Ok(())
    }
}

impl h::ApiApi for Backend {
    async fn b(&self, request: h::BRequest, _: RequestContext) -> Result<bool, ApiError> {
        Ok(!request.b)
    }
}

/// Serves the generated router on a free port of 127.0.0.1.
async fn serve(backend: Backend) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let address = listener.local_addr().expect("a bound address");
    let router = h::router(backend, ServerOptions::new());
    tokio::spawn(async move {
        veil::server::serve(listener, router)
            .await
            .expect("the server runs");
    });
    address
}

#[tokio::test]
async fn every_endpoint_answers_through_the_generated_clients() {
    let backend = Backend::default();
    let (calls, seen) = (Arc::clone(&backend.calls), Arc::clone(&backend.seen));
    let base = format!("http://{}", serve(backend).await);

    // Every client, each built in one of its three ways.
    let router = h::RouterClient::new(&base).expect("a client");
    let client = h::ClientClient::with_client(veil::__private::reqwest::Client::new(), &base)
        .expect("a client");
    let r#type = h::TypeClient::from_transport(router.transport().clone());
    let nine = h::_9livesClient::new(&base).expect("a client");
    let api = h::ApiClient::with_client(veil::__private::reqwest::Client::new(), &base)
        .expect("a client");
    assert_eq!(client.transport().base_url(), base);

    // router: JSON endpoints named after keywords, std methods and generated names.
    let mut expected = gauntlet();
    expected.response = Some("/ /h/x/type".into());
    let answer = router
        .r#type(&h::TypeRequest { self_: gauntlet() })
        .await
        .expect("type");
    assert_eq!(answer, expected);

    router.drop(&h::DropRequest {}).await.expect("drop");

    let option = h::CloneRequest {
        option: option_value(3),
    };
    assert_eq!(router.clone(&option).await.expect("clone"), option_value(3));

    let self_request = h::SelfRequest {
        self_: self_value(),
    };
    assert_eq!(
        router.self_(&self_request).await.expect("self"),
        self_value()
    );

    for result in ALL_RESULTS {
        let answer = router
            .r#async(&h::AsyncRequest { r#await: result })
            .await
            .expect("async");
        assert_eq!(answer, result, "{}", result.as_str());
    }

    for r#box in ALL_BOXES {
        let answer = router
            ._9lives(&h::_9livesRequest { r#box })
            .await
            .expect("9lives");
        assert_eq!(answer, r#box);
        assert_eq!(h::Box::from_code(r#box.code()), Some(r#box));
    }
    assert_eq!(h::Box::from_code(1), None);

    let lists = vec![ALL_BOXES.to_vec(), Vec::new(), vec![h::Box::Ok]];
    let mut reversed = lists.clone();
    reversed.reverse();
    assert_eq!(
        router.a_b(&h::ABRequest { a_b: lists }).await.expect("a-b"),
        reversed
    );

    assert_eq!(
        router
            .ñandú(&h::ÑandúRequest {
                ñandú: "ñandú 请求".into()
            })
            .await
            .expect("ñandú"),
        "ñandú 请求!"
    );

    let request = h::RequestRequest {
        request: h::Request {
            request: "request".into(),
        },
        context: h::RequestContext {
            context: "context".into(),
        },
    };
    assert_eq!(
        router.request(&request).await.expect("request"),
        h::Request {
            request: "request+context".into()
        }
    );

    for (error, echoed) in [
        (None, "response+no error"),
        (
            Some(h::ApiError {
                error: "an ApiError".into(),
            }),
            "response+an ApiError",
        ),
    ] {
        let request = h::ResponseRequest {
            response: h::Response {
                response: "response".into(),
            },
            error,
        };
        assert_eq!(
            router.response(&request).await.expect("response").response,
            echoed
        );
    }

    let context = router
        .context(&h::ContextRequest {
            context: "context".into(),
        })
        .await
        .expect("context");
    assert_eq!(
        context.context,
        "context|/h/context|/h/x/context|self|false"
    );

    assert_eq!(
        router
            .api(&h::ApiRequest { api: i64::MAX })
            .await
            .expect("api"),
        i64::MIN
    );
    assert_eq!(
        router
            .options(&h::OptionsRequest { options: 1.25 })
            .await
            .expect("options"),
        2.5
    );
    assert_eq!(
        router
            .router(&h::RouterRequest {
                router: h::Router("r".into())
            })
            .await
            .expect("router"),
        h::Router("rr".into())
    );

    // validate: constraints on fields named like the bindings of `validate()`.
    let request = h::ValidateRequest {
        validate: valid("ab"),
        __items: vec![valid("cd"), valid("ef")],
    };
    assert_eq!(request.validate(), Ok(()));
    assert_eq!(
        router.validate(&request).await.expect("validate"),
        valid("abññ")
    );
    let mut invalid = valid("a");
    invalid.__violations = String::new();
    invalid.__prefix = 2;
    invalid.__item = Some(h::Router("abcd".into()));
    invalid.self_ = Some("not v".into());
    if let Some(inner) = invalid.__index.as_mut() {
        inner[0].__violations = "too long!".into();
    }
    // `when __prefix is 1`, `__value` needs two characters; the pattern wants lower case.
    let request = h::ValidateRequest {
        validate: invalid,
        __items: vec![valid("z"), valid("Zz")],
    };
    let violations = request.validate().expect_err("invalid");
    let fields: Vec<&str> = violations.iter().map(|v| v.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "validate.__violations",
            "validate.__prefix",
            "validate.__item",
            "validate.__index[0].__violations",
            "validate.self",
            "__items[0].__value",
            "__items[1].__value",
        ],
        "{violations}"
    );
    let refused = router.validate(&request).await;
    match refused {
        Err(ClientError::Invalid(refused)) => assert_eq!(refused, violations),
        other => panic!("sent an invalid request: {other:?}"),
    }

    // Client: methods named like the generated code's own bindings.
    let a = h::A { __a: "__A".into() };
    assert_eq!(
        client
            .__formatter(&h::FormatterRequest { __a: a.clone() })
            .await
            .expect("__formatter"),
        a
    );
    assert_eq!(
        client
            .__serializer(&h::SerializerRequest { __s: h::S(5) })
            .await
            .expect("__serializer"),
        h::S(-5)
    );
    for __d in [h::D::D, h::D::S] {
        assert_eq!(
            client
                .__deserializer(&h::DeserializerRequest { __d })
                .await
                .expect("__deserializer"),
            __d
        );
        assert_eq!(h::D::from_code(__d.code()), Some(__d));
    }
    for (default, expected) in [(None, None), (Some(1), Some(2))] {
        let request = h::DefaultRequest {
            default: h::Default { default },
        };
        assert_eq!(
            client.default(&request).await.expect("default"),
            h::Default { default: expected }
        );
    }
    let t = h::T {
        t: "T".into(),
        envelope: option_value(2),
    };
    assert_eq!(
        client
            .eq(&h::EqRequest { other: t.clone() })
            .await
            .expect("eq"),
        t
    );
    let formatter = h::Formatter {
        fmt: "{__formatter}".into(),
    };
    assert_eq!(
        client
            .fmt(&h::FmtRequest {
                f: formatter.clone()
            })
            .await
            .expect("fmt"),
        formatter
    );
    let main = h::MainRequest {
        string: h::String {
            string: "String".into(),
        },
        vec: h::Vec {
            vec: vec!["a".into(), "b".into()],
        },
        clone: h::Clone {},
        send: h::Send { sync: true },
        sized: h::Sized { size: 8 },
        future: h::Future {
            output: h::Result::AB,
        },
        drop: h::Drop { drop: h::Box::None },
    };
    assert_eq!(
        client.main(&main).await.expect("main"),
        vec![
            h::Future {
                output: h::Result::AB
            },
            h::Future {
                output: h::Result::Ok
            },
        ]
    );

    // type: a form body and a multipart body.
    let form = h::InRequest {
        r#type: h::Result::Ñandú,
        r#async: h::Box::Err,
        self_: h::Client(-1),
        r#await: h::Router("a&b=c d+ñ".into()),
        _9lives: 9,
        a_b: -0.5,
        ñandú: true,
        url: Some("https://x.invalid/?q=1&r=ñ".into()),
        __api: Some(h::Some(77)),
        zz: h::None("zz".into()),
        a_b_c_d: "a b&c=d".into(),
        quoted: "\"q\\".into(),
    };
    assert_eq!(
        r#type.r#in(&form).await.expect("in").request,
        "ñandú -9223372036854775808 -1 a&b=c d+ñ 9 -0.5 true \
         Some(\"https://x.invalid/?q=1&r=ñ\") Some(77) zz a b&c=d \"q\\"
    );
    let sparse = h::InRequest {
        r#type: h::Result::None,
        url: None,
        __api: None,
        ..form
    };
    assert_eq!(
        r#type.r#in(&sparse).await.expect("in").request,
        "None -9223372036854775808 -1 a&b=c d+ñ 9 -0.5 true None None zz a b&c=d \"q\\"
    );

    let upload = h::MoveRequest {
        r#box: FilePart::new(vec![0xFF, 0x00, 0xD8], "ñandú.jpg", "image/jpeg"),
        r#type: h::Box::Ok,
        request: "request ñ".into(),
        context: Some(h::Client(-3)),
        self_: Some(FilePart::new(b"self".to_vec(), "self.txt", "text/plain")),
        ok: h::Ok(i64::MAX),
    };
    let answer = r#type.r#move(&upload).await.expect("move");
    assert_eq!(
        answer,
        gauntlet_with(
            "request ñ ñandú.jpg:image/jpeg:[255, 0, 216] 9223372036854775807 Some(-3) \
             self.txt:text/plain:[115, 101, 108, 102] 9223372036854775807"
                .into(),
            Some(vec![vec![h::Box::Ok]]),
        )
    );
    let upload = h::MoveRequest {
        r#type: h::Box::Self_,
        context: None,
        self_: None,
        ..upload
    };
    assert_eq!(
        r#type.r#move(&upload).await.expect("move").request,
        "request ñ ñandú.jpg:image/jpeg:[255, 0, 216] 0 None no self 9223372036854775807"
    );

    // The services named `9lives` and `api`.
    nine.a(&h::ARequest { a: h::Some(-9) }).await.expect("a");
    assert!(!api.b(&h::BRequest { b: true }).await.expect("b"));
    assert!(api.b(&h::BRequest { b: false }).await.expect("b"));

    // The two endpoints that answer no data reached the backend with their requests.
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert_eq!(
        *seen.lock().expect("not poisoned"),
        ["drop /h/x/drop", "a -9"]
    );
}

/// The generated route table lists every endpoint, with its Rust method name as written.
#[test]
fn the_route_table_lists_every_endpoint() {
    assert_eq!(h::ROUTES.len(), 26);
    let root = &h::ROUTES[0];
    assert_eq!(
        (
            root.service,
            root.method,
            root.real_name,
            root.public_path,
            root.variant
        ),
        ("router", "type", "/h/x/type", "/", "self")
    );
    let methods: Vec<&str> = h::ROUTES.iter().map(|r| r.method).collect();
    for method in [
        "drop",
        "clone",
        "self_",
        "_9lives",
        "ñandú",
        "__serializer",
        "in",
        "move",
    ] {
        assert!(methods.contains(&method), "{method} in {methods:?}");
    }
}

/// The wire names are the spec's, byte for byte; the Rust names never leak onto the wire.
#[test]
fn wire_names_are_the_spec_names() {
    let encoded = serde_json::to_value(gauntlet()).expect("encodes");
    let Value::Object(fields) = &encoded else {
        panic!("{encoded}")
    };
    let names: Vec<&str> = fields.keys().map(String::as_str).collect();
    for name in [
        "type",
        "async",
        "await",
        "dyn",
        "gen",
        "try",
        "self",
        "crate",
        "super",
        "Result",
        "Option",
        "Box",
        "Client",
        "Router",
        "request",
        "response",
        "url",
        "9lives",
        "a-b",
        "ñandú",
        "api",
        "__api",
        "__request",
        "__context",
        "__formatter",
        "__serializer",
        "__S",
        "__D",
        "options",
        "context",
        "zz",
        "fmt",
        "T",
        "None",
        "Ok",
        "Err",
        "Some",
        "\"q\\",
    ] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    assert_eq!(names.len(), 38, "{names:?}");
    assert_eq!(
        encoded["Box"],
        json!("10"),
        "a coded choice written as a string"
    );
    assert_eq!(
        encoded["__S"],
        json!(0),
        "a lenient integer written as a number"
    );
    assert_eq!(encoded["__D"], json!(2));
    assert_eq!(
        encoded["gen"],
        json!("async"),
        "the value of the variant `Some`"
    );
    assert_eq!(encoded["self"], json!(i64::MAX));
    let decoded: h::Type = serde_json::from_value(encoded).expect("decodes");
    assert_eq!(decoded, gauntlet());

    // Aliases and lenient reads.
    let read = |text: &str| serde_json::from_str::<h::Result>(text).ok();
    assert_eq!(read("\"err\""), Some(h::Result::Err));
    assert_eq!(read("\"E\""), Some(h::Result::Err));
    assert_eq!(read("\"\""), Some(h::Result::None));
    assert_eq!(read("\" \""), Some(h::Result::None));
    assert_eq!(
        read("\"Some\""),
        None,
        "`Some` is only the Rust name of `async`"
    );
    assert_eq!(read(r#""\"q\\""#), Some(h::Result::Quoted));
    assert_eq!(h::Result::Quoted.as_str(), "\"q\\");
    assert_eq!(
        serde_json::from_str::<h::Box>("\" -9223372036854775808 \"").ok(),
        Some(h::Box::Err)
    );
    assert_eq!(
        serde_json::from_str::<h::Router>("2.5").ok(),
        Some(h::Router("2.5".into()))
    );

    // Debug keeps the sensitive field out, whatever its neighbours are called.
    let printed = format!("{:?}", gauntlet());
    assert!(printed.contains("url: <redacted>"), "{printed}");
    assert!(printed.contains("some: Some(<redacted>)"), "{printed}");
    assert!(!printed.contains("example.invalid"), "{printed}");
    assert!(printed.contains("__formatter: \"{}\""), "{printed}");
}

/// The envelope under its keyword wire names, the server's failures under the spec's codes,
/// and the disguise: the real names are not routed.
#[tokio::test]
async fn raw_http_sees_the_envelope_and_the_disguise() {
    let base = format!("http://{}", serve(Backend::default()).await);
    let http = veil::__private::reqwest::Client::new();
    let post = |path: &'static str, body: &'static str| {
        let request = http
            .post(format!("{base}{path}"))
            .header("content-type", "application/json")
            .body(body);
        async move {
            let response = request.send().await.expect("an answer");
            let status = response.status().as_u16();
            let body = response.bytes().await.expect("a body");
            let envelope: h::Envelope<Value> = serde_json::from_slice(&body).expect("an envelope");
            (status, envelope)
        }
    };

    let (status, envelope) = post("/h/drop", "{}").await;
    assert_eq!(status, 200);
    assert_eq!(
        envelope,
        h::Envelope {
            code: "0".into(),
            message: "Self".into(),
            data: None,
        }
    );
    let (status, envelope) = post("/h/v", r#"{"b": false}"#).await;
    assert_eq!((status, envelope.code.as_str()), (200, "0"));
    assert_eq!(envelope.data, Some(json!(true)));

    // Decoys are verified: the root endpoint without its decoys is a bad request.
    let (status, envelope) = post("/", r#"{"self": {}}"#).await;
    assert_eq!((status, envelope.code.as_str()), (400, "Err"));
    assert_eq!(envelope.data, None);

    for hidden in ["/h/x/drop", "/h/x/type", "/nowhere"] {
        let (status, envelope) = post(hidden, "{}").await;
        assert_eq!((status, envelope.code.as_str()), (404, "None"), "{hidden}");
    }
}
