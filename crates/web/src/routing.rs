//! Route registration that writes every route down. [`Routes`] wraps axum's `Router`, and
//! [`get`] and [`post`] wrap axum's method routers, so each module registers its routes
//! exactly as with axum (`.route(path, get(a).post(b))`) and every (method, path) is also
//! recorded. [`crate::routes`] lists them: the authorization matrix
//! (`tests/matrix/table.txt`) must have a row for each, and its test fails otherwise.

use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::routing::MethodRouter;
use axum::Router;

use crate::AppState;

/// One route as registered: an HTTP method and a path pattern such as
/// `/staff/concerns/{id}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Route {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// The pattern, with axum's `{name}` and `{*rest}` segments.
    pub path: &'static str,
}

/// A router that remembers its routes.
#[derive(Default)]
pub struct Routes {
    router: Router<AppState>,
    list: Vec<Route>,
}

impl Routes {
    /// No routes yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `path` with its methods.
    pub fn route(mut self, path: &'static str, methods: Methods) -> Self {
        self.list
            .extend(methods.names.iter().map(|&method| Route { method, path }));
        self.router = self.router.route(path, methods.router);
        self
    }

    /// Adds every route of `other`.
    pub fn merge(mut self, other: Routes) -> Self {
        self.list.extend(other.list);
        self.router = self.router.merge(other.router);
        self
    }

    /// The router, and the list of what it routes.
    pub fn into_parts(self) -> (Router<AppState>, Vec<Route>) {
        (self.router, self.list)
    }
}

/// The methods of one path, each with its handler.
pub struct Methods {
    router: MethodRouter<AppState>,
    names: Vec<&'static str>,
}

/// `GET` (and `HEAD`) answered by `handler`.
pub fn get<H: Handler<T, AppState>, T: 'static>(handler: H) -> Methods {
    Methods {
        router: axum::routing::get(handler),
        names: vec!["GET"],
    }
}

/// `POST` answered by `handler`.
pub fn post<H: Handler<T, AppState>, T: 'static>(handler: H) -> Methods {
    Methods {
        router: axum::routing::post(handler),
        names: vec!["POST"],
    }
}

impl Methods {
    /// Also `POST`, answered by `handler`.
    pub fn post<H: Handler<T, AppState>, T: 'static>(mut self, handler: H) -> Self {
        self.router = self.router.post(handler);
        self.names.push("POST");
        self
    }

    /// A body limit of its own for the methods given so far (uploads).
    pub fn layer(mut self, limit: DefaultBodyLimit) -> Self {
        self.router = self.router.layer(limit);
        self
    }
}
