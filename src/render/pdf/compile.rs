//! typst's layout loop, holding less at once.
//!
//! typst lays a document out again until what it looked up about itself (page
//! numbers, the contents, the running header's chapter) stops changing: two
//! passes for a report. `typst::compile` keeps every pass's pages, and every
//! layout any pass did, to the end. This loop is the same, except that it keeps
//! of a pass only what the next one looks up (not its pages) and, after each pass,
//! lets go of the layouts the pass did not use: what the pages of an earlier pass
//! needed and the next pass laid out anew.

use std::sync::Arc;
use typst::World;
use typst::comemo::{self, Track};
use typst::diag::{SourceDiagnostic, SourceResult, Warned};
use typst::ecow::EcoVec;
use typst::engine::{Engine, Route, Sink, Traced};
use typst::foundations::{Output, StyleChain, Target, TargetElem};
use typst::introspection::{EmptyIntrospector, Introspector, MAX_ITERS};
use typst::syntax::Span;
use typst::utils::Protected;

use typst_layout::{PagedDocument, PagedIntrospector};

/// Lays the world's main file out in pages, as `typst::compile` does, and says in
/// how many passes.
pub fn compile(world: &dyn World) -> (Warned<SourceResult<PagedDocument>>, usize) {
    let mut sink = Sink::new();
    let (output, passes) = match passes(world, &mut sink) {
        Ok((document, passes)) => (Ok(document), passes),
        Err(errors) => (Err(errors), 0),
    };
    let warned = Warned {
        output,
        warnings: sink.warnings(),
    };
    (warned, passes)
}

fn passes(world: &dyn World, sink: &mut Sink) -> SourceResult<(PagedDocument, usize)> {
    let tracked = world.track();
    let traced = Traced::default();
    let traced = traced.track();
    let library = world.library();
    let base = StyleChain::new(&library.styles);
    let target = TargetElem::target.set(Target::Paged).wrap();
    let styles = base.chain(&target);
    let main = world
        .source(world.main())
        .map_err(|e| EcoVec::from([SourceDiagnostic::error(Span::detached(), e.to_string())]))?;
    let content = typst_eval::eval(
        tracked,
        library,
        traced,
        sink.track_mut(),
        Route::default().track(),
        &main,
    )?
    .content();

    let mut previous: Option<Arc<PagedIntrospector>> = None;
    let mut pass = 1;
    loop {
        let empty = EmptyIntrospector;
        let introspector: &dyn Introspector = match &previous {
            Some(introspector) => introspector.as_ref(),
            None => &empty,
        };
        let constraint = comemo::Constraint::new();
        let mut subsink = Sink::new();
        let mut engine = Engine {
            library,
            world: tracked,
            introspector: Protected::new(introspector.track_with(&constraint)),
            traced,
            sink: subsink.track_mut(),
            route: Route::default(),
        };
        let document = PagedDocument::create(&mut engine, &content, styles)?;
        // As typst does, the last allowed pass stands even if it did not settle (a
        // report settles in two: templates/report.typ lays its first pass out as
        // the pages will be, with a stand-in for the contents).
        if constraint.validate(Output::introspector(&document)) || pass == MAX_ITERS {
            sink.extend_from_sink(subsink);
            let delayed = sink.delayed();
            if !delayed.is_empty() {
                return Err(delayed);
            }
            return Ok((document, pass));
        }
        // The next pass needs what this one found, not its pages.
        previous = Some(document.introspector().clone());
        drop(document);
        pass += 1;
        // What this pass laid out has age 0, becoming 1; what only earlier passes
        // used becomes 2 and goes. (Emptying the cache instead holds about 100 MB
        // less at 10x, but lays everything out again: twice the time.)
        comemo::evict(1);
    }
}
