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

/// The registered patterns a request's path is told by: what logs name instead of the path,
/// which may carry a tracking code, a token or an email address.
#[derive(Debug, Clone, Default)]
pub struct Patterns(std::sync::Arc<[&'static str]>);

impl Patterns {
    /// The distinct patterns of `routes`.
    pub fn new(routes: &[Route]) -> Self {
        let mut paths: Vec<&'static str> = routes.iter().map(|r| r.path).collect();
        paths.sort_unstable();
        paths.dedup();
        Self(paths.into())
    }

    /// The pattern `path` matches (a literal segment beats a `{name}`, as in axum), or
    /// `"(no route)"`.
    pub fn of(&self, path: &str) -> &'static str {
        self.0
            .iter()
            .filter_map(|p| matches(p, path).map(|literal| (literal, *p)))
            .max_by_key(|(literal, _)| *literal)
            .map_or("(no route)", |(_, p)| p)
    }
}

/// Whether `path` matches `pattern`, and if so how many segments matched literally.
fn matches(pattern: &str, path: &str) -> Option<usize> {
    let mut given = path.split('/');
    let mut literal = 0;
    for want in pattern.split('/') {
        if want.starts_with("{*") {
            return Some(literal);
        }
        let seg = given.next()?;
        if want.starts_with('{') {
            if seg.is_empty() {
                return None;
            }
        } else if want == seg {
            literal += 1;
        } else {
            return None;
        }
    }
    given.next().is_none().then_some(literal)
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

#[cfg(test)]
mod tests {
    use super::{Patterns, Route};

    #[test]
    fn paths_are_told_by_their_pattern() {
        let routes: Vec<Route> = [
            "/open311/v2/{file}",
            "/open311/v2/tokens/{file}",
            "/api/v1/concerns/{id}",
            "/api/v1/{*rest}",
            "/track",
        ]
        .iter()
        .map(|path| Route {
            method: "GET",
            path,
        })
        .collect();
        let p = Patterns::new(&routes);
        assert_eq!(
            p.of("/open311/v2/tokens/1A-ABCD-EFGH.json"),
            "/open311/v2/tokens/{file}"
        );
        assert_eq!(p.of("/open311/v2/requests.json"), "/open311/v2/{file}");
        assert_eq!(p.of("/api/v1/concerns/7"), "/api/v1/concerns/{id}");
        assert_eq!(p.of("/api/v1/track/x@y.example/2"), "/api/v1/{*rest}");
        assert_eq!(p.of("/track"), "/track");
        assert_eq!(p.of("/people/Jane%20Doe"), "(no route)");
        assert_eq!(p.of("/open311/v2/tokens/"), "(no route)");
    }
}
