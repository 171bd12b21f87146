//! The real HTTP server on a random port over a fresh database, and a minimal browser to
//! talk to it as people and clients do.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Mutex;

use liaison_app::accounts::NewUser;
use liaison_app::concerns::RecordConcern;
use liaison_app::office::SaveCategory;
use liaison_app::{App, Settings};
use liaison_store::users::User;
use liaison_store::Store;

use crate::{blank_database, Cleanup, Db, Start, COUNTER};

/// A running Liaison and the database behind it.
pub struct Harness {
    pub db: Db,
    pub app: App,
    /// The database behind `app`, for tests that look into it (or break it).
    pub store: Store,
    pub base: String,
    /// This test's own attachments folder, removed with it.
    pub files: std::path::PathBuf,
    cleanup: Cleanup,
    /// The background job runner, as `serve` runs it (with a mail server only: tests
    /// without one run jobs themselves, `App::run_due_jobs`, to see each step).
    jobs: Option<tokio::task::JoinHandle<()>>,
}

impl Drop for Harness {
    fn drop(&mut self) {
        if let Some(jobs) = &self.jobs {
            jobs.abort();
        }
        let _ = std::fs::remove_dir_all(&self.files);
    }
}

impl Start for Harness {
    async fn start(db: Db) -> Option<Self> {
        Self::start_with(db, Settings::default()).await
    }
}

impl Harness {
    /// Starts Liaison with particular settings.
    pub async fn start_with(db: Db, settings: Settings) -> Option<Self> {
        Self::launch(db, settings, None).await
    }

    /// Starts Liaison as `liaison serve` does (the server's database timeouts), with
    /// particular settings and serving options.
    pub async fn start_serving(
        db: Db,
        settings: Settings,
        serving: liaison_web::Serving,
    ) -> Option<Self> {
        Self::launch(db, settings, Some(serving)).await
    }

    async fn launch(
        db: Db,
        settings: Settings,
        serving: Option<liaison_web::Serving>,
    ) -> Option<Self> {
        let (url, cleanup) = blank_database(db).await?;
        Some(Self::serve_on(db, &url, cleanup, settings, serving).await)
    }

    /// Starts Liaison over the database at `url` (as [`blank_database`] makes them, perhaps
    /// reached another way), removed by `cleanup` with the harness; with `serving`, as
    /// `liaison serve` does.
    pub async fn serve_on(
        db: Db,
        url: &str,
        cleanup: Cleanup,
        settings: Settings,
        serving: Option<liaison_web::Serving>,
    ) -> Self {
        let store = match serving {
            Some(_) => Store::connect_serving(url).await,
            None => Store::connect(url).await,
        }
        .expect("connect");
        store.migrate().await.expect("migrate");
        // Each test keeps its attachments in a fresh folder of its own.
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let files = std::env::temp_dir().join(format!("liaison-files-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&files);
        let settings = Settings {
            files: files.clone(),
            ..settings
        };
        let app = App::new(store.clone(), settings);
        let jobs = app.settings.smtp.is_some().then(|| app.run_jobs());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let router = liaison_web::router(app.clone(), serving.unwrap_or_default());
        tokio::spawn(async move {
            let _ = axum_serve(listener, router).await;
        });
        Self {
            db,
            app,
            store,
            base,
            files,
            cleanup,
            jobs,
        }
    }

    /// The PostgreSQL server's administration URL and this test's database on it (`None` on
    /// SQLite).
    pub fn postgres_database(&self) -> Option<(&str, &str)> {
        match &self.cleanup {
            Cleanup::Database { admin_url, name } => Some((admin_url, name)),
            Cleanup::Dir(_) => None,
        }
    }

    /// A new browser with no cookies.
    pub fn browser(&self) -> Browser {
        Browser::new(&self.base)
    }

    /// Creates a staff account directly; returns it with its password.
    pub async fn user(&self, role: &str, name: &str) -> (User, String) {
        let password = format!("pw-{name}-long-enough");
        let email = format!("{}@office.example", name.to_lowercase().replace(' ', "."));
        let new = NewUser {
            email: email.into(),
            name: name.into(),
            role: role.into(),
            password: password.as_str().into(),
        };
        let user = self.app.accounts().add(None, &new).await.expect("add user");
        (user, password)
    }

    /// A browser signed in as a new user of `role`.
    pub async fn signed_in(&self, role: &str, name: &str) -> (User, Browser) {
        let (user, password) = self.user(role, name).await;
        let b = self.browser();
        b.sign_in(&user.email, &password).await;
        (user, b)
    }

    /// Creates a category directly (as an administrator).
    pub async fn category(&self, admin: &User, name: &str, public: bool) -> i64 {
        let category = SaveCategory {
            name: name.into(),
            ack_amount: "8".into(),
            ack_unit: "working_hours".into(),
            resolve_amount: "10".into(),
            resolve_unit: "calendar_days".into(),
            default_priority: "normal".into(),
            active: true.into(),
            public: public.into(),
            ..SaveCategory::default()
        };
        self.app
            .office()
            .add_category(admin, &category)
            .await
            .expect("add category")
    }

    /// Reports a concern on the portal in `lang` as a resident who gives `email` (and asks
    /// to stay anonymous, if `anonymous`); answers the tracking code and the reference.
    pub async fn report(
        &self,
        category: i64,
        lang: &str,
        email: &str,
        anonymous: bool,
    ) -> (String, String) {
        let resident = self.browser();
        resident.get(&format!("/language?to={lang}&back=/")).await;
        let mut fields = vec![
            (
                "description",
                "The streetlight on Mill Road has been dark for a week",
            ),
            ("reporter_name", "Thandi Mokoena"),
            ("reporter_email", email),
        ];
        if anonymous {
            fields.push(("anonymous", "yes"));
        }
        let receipt = resident.post(&format!("/report/{category}"), &fields).await;
        assert_eq!(receipt.status, 200, "{}", receipt.body);
        let code = receipt
            .between("<p class=\"tracking-code\">", "</p>")
            .expect("tracking code");
        let lede = receipt.between("<p class=\"lede\">", "</p>").expect("lede");
        let at = lede.find("C-").expect("a reference");
        let reference = lede[at..at + 12].to_string();
        (code, reference)
    }

    /// Records a concern directly as `by`; returns (id, reference, tracking code).
    pub async fn concern(
        &self,
        by: &User,
        category: i64,
        description: &str,
        confidentiality: &str,
    ) -> (i64, String, String) {
        let concern = RecordConcern {
            category: category.to_string().into(),
            description: description.into(),
            channel: "phone".into(),
            priority: "normal".into(),
            confidentiality: confidentiality.into(),
            reporter_name: "Thandi Mokoena".into(),
            reporter_email: "thandi@example.org".into(),
            reporter_language: "en".into(),
            ..RecordConcern::default()
        };
        let r = self
            .app
            .concerns()
            .record(by, &concern)
            .await
            .expect("record concern");
        (r.id, r.reference, r.tracking_code)
    }
}

async fn axum_serve(
    listener: tokio::net::TcpListener,
    router: axum::Router,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .await
}

/// A response as a test sees it.
pub struct Page {
    pub status: u16,
    pub body: String,
    pub location: Option<String>,
    pub headers: reqwest::header::HeaderMap,
}

impl Page {
    /// Asserts the page contains `text`, showing the page when it does not.
    pub fn expect(&self, text: &str) -> &Self {
        assert!(
            self.body.contains(text),
            "expected {text:?} in page ({}):\n{}",
            self.status,
            self.body
        );
        self
    }

    /// Asserts the page does not contain `text`.
    pub fn refute(&self, text: &str) -> &Self {
        assert!(
            !self.body.contains(text),
            "did not expect {text:?} in page:\n{}",
            self.body
        );
        self
    }

    /// The value of the first `<input name="{name}" … value="…">` or of a tracking code box.
    pub fn between(&self, start: &str, end: &str) -> Option<String> {
        let i = self.body.find(start)? + start.len();
        let j = self.body[i..].find(end)? + i;
        Some(self.body[i..j].to_string())
    }
}

/// A minimal browser: keeps cookies, does not follow redirects, remembers the CSRF token
/// of the last page that had one.
pub struct Browser {
    client: reqwest::Client,
    base: String,
    cookies: Mutex<HashMap<String, String>>,
    csrf: Mutex<String>,
}

impl Browser {
    pub fn new(base: &str) -> Self {
        Self {
            // A fresh connection per request: the server may close one after answering
            // without reading a large body, and a pooled client could race that close.
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .pool_max_idle_per_host(0)
                .build()
                .expect("client"),
            base: base.to_string(),
            cookies: Mutex::new(HashMap::new()),
            csrf: Mutex::new(String::new()),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .lock()
            .expect("cookies")
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn finish(&self, r: reqwest::Response) -> Page {
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        for c in headers.get_all(reqwest::header::SET_COOKIE) {
            if let Some((kv, _)) = c.to_str().unwrap_or("").split_once(';') {
                if let Some((k, v)) = kv.split_once('=') {
                    let mut jar = self.cookies.lock().expect("cookies");
                    if v.is_empty() {
                        jar.remove(k);
                    } else {
                        jar.insert(k.to_string(), v.to_string());
                    }
                }
            }
        }
        let location = headers
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = r.text().await.unwrap_or_default();
        let page = Page {
            status,
            body,
            location,
            headers,
        };
        if let Some(token) = page.between("name=\"csrf\" value=\"", "\"") {
            *self.csrf.lock().expect("csrf") = token;
        }
        page
    }

    /// The value of the cookie `name`, as the server last set it.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.lock().expect("cookies").get(name).cloned()
    }

    /// GET `path`.
    pub async fn get(&self, path: &str) -> Page {
        let r = self
            .client
            .get(format!("{}{path}", self.base))
            .header("cookie", self.cookie_header())
            .send()
            .await
            .expect("request");
        self.finish(r).await
    }

    /// POST a form to `path`, adding the remembered CSRF token.
    pub async fn post(&self, path: &str, pairs: &[(&str, &str)]) -> Page {
        let csrf = self.csrf.lock().expect("csrf").clone();
        let mut all: Vec<(&str, &str)> = pairs.to_vec();
        all.push(("csrf", &csrf));
        self.post_raw(path, serialize(&all).into_bytes(), &[]).await
    }

    /// Sends `method` to `path` with these headers and, if given, a body of a content type.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<(&str, Vec<u8>)>,
        headers: &[(&str, &str)],
    ) -> Page {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("cookie", self.cookie_header());
        if let Some((content_type, bytes)) = body {
            req = req.header("content-type", content_type).body(bytes);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let r = req.send().await.expect("request");
        self.finish(r).await
    }

    /// POST raw bytes as a form, with extra headers.
    pub async fn post_raw(&self, path: &str, body: Vec<u8>, headers: &[(&str, &str)]) -> Page {
        let mut req = self
            .client
            .post(format!("{}{path}", self.base))
            .header("cookie", self.cookie_header())
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let r = req.send().await.expect("request");
        self.finish(r).await
    }

    /// GET `path` as bytes (files): status, headers and body.
    pub async fn download(&self, path: &str) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
        let r = self
            .client
            .get(format!("{}{path}", self.base))
            .header("cookie", self.cookie_header())
            .send()
            .await
            .expect("request");
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let body = r.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
        (status, headers, body)
    }

    /// POST a `multipart/form-data` form with files to `path`, adding the remembered CSRF
    /// token.
    pub async fn post_multipart(
        &self,
        path: &str,
        pairs: &[(&str, &str)],
        files: &[FilePart<'_>],
    ) -> Page {
        let csrf = self.csrf.lock().expect("csrf").clone();
        let mut all: Vec<(&str, &str)> = pairs.to_vec();
        all.push(("csrf", &csrf));
        let (content_type, body) = multipart(&all, files);
        self.post_bytes(path, &content_type, body).await
    }

    /// POST raw bytes with a content type of the test's choosing.
    pub async fn post_bytes(&self, path: &str, content_type: &str, body: Vec<u8>) -> Page {
        let r = self
            .client
            .post(format!("{}{path}", self.base))
            .header("cookie", self.cookie_header())
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("request");
        self.finish(r).await
    }

    /// Signs in through the sign-in form and checks it worked.
    pub async fn sign_in(&self, email: &str, password: &str) {
        let p = self
            .post(
                "/sign-in",
                &[
                    ("email", email),
                    ("password", password),
                    ("next", "/staff/concerns"),
                ],
            )
            .await;
        assert_eq!(p.status, 303, "sign-in failed: {}", p.body);
        let page = self.get("/staff/concerns").await;
        assert_eq!(page.status, 200);
    }
}

/// Encodes pairs as `application/x-www-form-urlencoded`.
pub fn serialize(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One file in a multipart form.
pub struct FilePart<'a> {
    /// The form field.
    pub field: &'a str,
    /// The file name the browser sends.
    pub name: &'a str,
    /// The content type the browser declares.
    pub content_type: &'a str,
    /// The bytes.
    pub bytes: &'a [u8],
}

/// Encodes fields and files as a browser would; returns the content type and the body.
pub fn multipart(pairs: &[(&str, &str)], files: &[FilePart<'_>]) -> (String, Vec<u8>) {
    let boundary = "----liaison-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (k, v) in pairs {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(v.as_bytes());
        body.extend_from_slice(b"\r\n");
    }
    for f in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\n\
                 Content-Type: {}\r\n\r\n",
                f.field, f.name, f.content_type
            )
            .as_bytes(),
        );
        body.extend_from_slice(f.bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
