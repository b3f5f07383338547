//! The progress indicator of a long `anslag build`: a spinner with the
//! stage and the time so far, on stderr, shown only when stderr is a
//! terminal and the build has run longer than [`DELAY`]. A quick build, a
//! build whose stderr is a file or a pipe (cron, systemd, CI, tests) and a
//! `--quiet` build never show it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How long a build runs before the indicator appears.
pub const DELAY: Duration = Duration::from_secs(1);

/// The indicator of one command; dropping it clears it from the terminal.
pub struct Progress {
    shared: Arc<Mutex<Shared>>,
    /// Tells the drawing thread to stop (by being dropped).
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

#[derive(Default)]
struct Shared {
    message: String,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// An indicator that never shows (not a terminal, `--quiet`, JSON).
    pub fn off() -> Progress {
        Progress { shared: Arc::default(), stop: None, thread: None }
    }

    /// An indicator that appears after `delay` if `show` (stderr is a
    /// terminal and the user wants it), starting with `message`.
    pub fn start(show: bool, delay: Duration, message: String) -> Progress {
        Progress::start_on(show, delay, message, ProgressDrawTarget::stderr)
    }

    /// [`Progress::start`] drawing on `target` (a hidden one in tests).
    fn start_on(show: bool, delay: Duration, message: String, target: fn() -> ProgressDrawTarget) -> Progress {
        let shared = Arc::new(Mutex::new(Shared { message, bar: None }));
        if !show {
            return Progress { shared, stop: None, thread: None };
        }
        let started = std::time::Instant::now();
        let (stop, stopped) = mpsc::channel::<()>();
        let drawn = Arc::clone(&shared);
        let thread = std::thread::spawn(move || {
            if stopped.recv_timeout(delay) != Err(RecvTimeoutError::Timeout) {
                return;
            }
            {
                let mut s = drawn.lock().unwrap_or_else(PoisonError::into_inner);
                let bar = ProgressBar::with_draw_target(None, target()).with_elapsed(started.elapsed());
                let style = ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner());
                bar.set_style(style);
                bar.set_message(s.message.clone());
                bar.enable_steady_tick(Duration::from_millis(120));
                s.bar = Some(bar);
            }
            let _ = stopped.recv();
            let mut s = drawn.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(bar) = s.bar.take() {
                bar.finish_and_clear();
            }
        });
        Progress { shared, stop: Some(stop), thread: Some(thread) }
    }

    /// The stage now under way.
    pub fn stage(&self, message: String) {
        let mut s = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(bar) = &s.bar {
            bar.set_message(message.clone());
        }
        s.message = message;
    }

    /// Runs `print` (which writes to the terminal) with the indicator
    /// hidden, so lines and spinner do not mix.
    pub fn suspend<T>(&self, print: impl FnOnce() -> T) -> T {
        let s = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        match &s.bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    /// Whether the indicator is on the terminal now.
    #[cfg(test)]
    fn is_shown(&self) -> bool {
        self.shared.lock().unwrap_or_else(PoisonError::into_inner).bar.is_some()
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quick_command_never_shows_it() {
        let p = Progress::start_on(true, Duration::from_secs(60), "x".to_owned(), ProgressDrawTarget::hidden);
        p.stage("y".to_owned());
        assert!(!p.is_shown());
        assert_eq!(p.suspend(|| 7), 7);
        drop(p);
    }

    #[test]
    fn off_never_shows_it() {
        let p = Progress::start(false, Duration::ZERO, "x".to_owned());
        std::thread::sleep(Duration::from_millis(20));
        assert!(!p.is_shown());
        assert!(!Progress::off().is_shown());
    }

    #[test]
    fn a_long_command_shows_it_and_clears_it() {
        // Drawn nowhere: a test never writes to the terminal.
        let p = Progress::start_on(true, Duration::ZERO, "x".to_owned(), ProgressDrawTarget::hidden);
        let shown = (0..200).any(|_| {
            std::thread::sleep(Duration::from_millis(5));
            p.is_shown()
        });
        assert!(shown);
        p.stage("y".to_owned());
        assert_eq!(p.suspend(|| 7), 7);
        let shared = Arc::clone(&p.shared);
        drop(p);
        assert!(shared.lock().unwrap_or_else(PoisonError::into_inner).bar.is_none());
    }
}
