//! The visitor widget: its script, its branding as JSON, and a demo shop page that embeds it.
//!
//! The files live in `crates/server/widget/` and are compiled into the binary, so a site needs
//! nothing but `<script src="https://chat.example/widget.js" data-site="shop" async></script>`.

use std::borrow::Cow;
use std::sync::{Arc, LazyLock};

use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use super::AppState;
use super::widget_asset::{Asset, Comments};
use crate::config::{PrechatField, WidgetConfig};
use crate::routing::RoutingConfig;

/// The script is kept in parts by concern (`widget/parts/`, each on its own an unfinished
/// piece of one function body) and served as one file: joining them is the whole "build".
const WIDGET_JS: &str = concat!(
    include_str!("../../widget/parts/10-base.js"),
    include_str!("../../widget/parts/20-connection.js"),
    include_str!("../../widget/parts/30-window.js"),
    include_str!("../../widget/parts/35-invitation.js"),
    include_str!("../../widget/parts/35-files.js"),
    include_str!("../../widget/parts/36-contact.js"),
    include_str!("../../widget/parts/37-rating.js"),
    include_str!("../../widget/parts/40-dialog.js"),
);
const WIDGET_CSS: &str = include_str!("../../widget/widget.css");
const DEMO_HTML: &str = include_str!("../../widget/demo.html");

/// Made on the first request: comments out, gzipped, tagged.
static SCRIPT: LazyLock<Asset> = LazyLock::new(|| {
    Asset::new(
        WIDGET_JS,
        Comments::Script,
        "text/javascript; charset=utf-8",
    )
});
static STYLES: LazyLock<Asset> =
    LazyLock::new(|| Asset::new(WIDGET_CSS, Comments::Styles, "text/css; charset=utf-8"));

/// `/widget.js`, `/widget.css`, `/widget/config` and `/demo`.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/widget.js", get(script))
        .route("/widget.css", get(styles))
        .route("/widget/config", get(config))
        .route("/demo", get(demo))
}

async fn script(request: HeaderMap) -> Response {
    SCRIPT.respond(&request)
}

async fn styles(request: HeaderMap) -> Response {
    STYLES.respond(&request)
}

async fn demo() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        DEMO_HTML,
    )
        .into_response()
}

#[derive(Deserialize)]
struct SiteQuery {
    site: Option<String>,
}

/// What `GET /widget/config` answers: the site asked for and its branding.
#[derive(Serialize)]
struct SiteConfig<'a> {
    site: Option<&'a str>,
    /// The upload cap (`[files] max_bytes`): the widget refuses a larger file before sending.
    max_file_bytes: u64,
    /// Whether answers to offline messages also go by e-mail (`[mail]` is set up): the
    /// offline form then says so, and the thanks names the address given.
    mail_answers: bool,
    #[serde(flatten)]
    widget: &'a WidgetConfig,
}

/// A `department` field of the pre-chat form without its own choices offers the configured
/// departments by title, so the visitor's choice names one (routing reads it back by title).
fn with_departments<'a>(
    widget: &'a WidgetConfig,
    routing: &RoutingConfig,
) -> Cow<'a, WidgetConfig> {
    let open = |f: &PrechatField| f.key == "department" && f.options.is_empty();
    if routing.departments.is_empty() || !widget.prechat.fields.iter().any(open) {
        return Cow::Borrowed(widget);
    }
    let mut filled = widget.clone();
    for field in filled.prechat.fields.iter_mut().filter(|f| open(f)) {
        field.options = routing
            .departments
            .iter()
            .map(|d| d.shown_name().to_owned())
            .collect();
    }
    Cow::Owned(filled)
}

/// The branding is public (every visitor's browser reads it), and the widget runs on other
/// sites' pages, so any origin may fetch it.
async fn config(State(app): State<Arc<AppState>>, Query(query): Query<SiteQuery>) -> Response {
    let site = query
        .site
        .as_deref()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty());
    let widget = with_departments(&app.config.widget, &app.config.routing);
    let body = Json(SiteConfig {
        site,
        max_file_bytes: app.config.files.max_bytes,
        mail_answers: app.config.mail.enabled(),
        widget: &widget,
    });
    (
        [
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            (header::CACHE_CONTROL, "public, max-age=60"),
        ],
        body,
    )
        .into_response()
}
