//! The clients: where requests come from, how many, and how patient they are.

use serde::{Deserialize, Serialize};

mod profile_de;

/// Clients send an open-loop Poisson stream of requests whose rate follows a profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClientsSpec {
    /// How the request rate changes over simulated time.
    pub profile: RateProfile,
    /// Fraction of requests that only read [0–1]; the rest write. Default 0.8.
    pub read_fraction: f64,
    /// Client timeout [s]: a request without an answer by then has failed. `null` waits
    /// forever. Default 30 (a typical browser/SDK budget is 30–60).
    pub timeout_s: Option<f64>,
    /// Distinct users behind the requests; each request comes from one drawn at random.
    /// Only sticky sessions and key-value stores look at who sent a request, so designs
    /// without them draw no user at all. Default 1000, range 1–1,000,000.
    #[serde(skip_serializing_if = "is_default_users")]
    pub users: u32,
    /// Share of requests that fetch static assets (images, scripts, style sheets) [0–1].
    /// A CDN in front answers them from its edges; without one the instances serve them
    /// like any other request. Default 0 (left out of files), range 0–1.
    #[serde(skip_serializing_if = "is_zero")]
    pub static_fraction: f64,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

/// Users behind a traffic source unless the design says otherwise.
pub const DEFAULT_USERS: u32 = 1000;

fn is_default_users(users: &u32) -> bool {
    *users == DEFAULT_USERS
}

impl Default for ClientsSpec {
    fn default() -> Self {
        ClientsSpec {
            profile: RateProfile::default(),
            read_fraction: 0.8,
            timeout_s: Some(30.0),
            users: DEFAULT_USERS,
            static_fraction: 0.0,
        }
    }
}

/// Request rate [requests/s] as a function of simulated time.
///
/// Written by serde's derive, read by hand (`clients/profile_de.rs`: a new shape needs its
/// arm there).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum RateProfile {
    /// The same rate all the time.
    Constant {
        /// Requests per second at every moment [requests/s].
        rate: f64,
    },
    /// Linear change from `from` to `to` over `over_s` seconds, then steady.
    Ramp {
        /// Rate at the start of the run [requests/s].
        from: f64,
        /// Rate at the end of the ramp and after it [requests/s].
        to: f64,
        /// Length of the ramp from the start of the run [s].
        over_s: f64,
    },
    /// `base`, jumping to `peak` at `at_s` for `for_s` seconds.
    Spike {
        /// Rate outside the spike [requests/s].
        base: f64,
        /// Rate during the spike [requests/s].
        peak: f64,
        /// When the spike starts [s].
        at_s: f64,
        /// How long the spike lasts [s].
        for_s: f64,
    },
    /// A sine around `mean` with relative `amplitude` [0–1] and a period (default one day).
    Daily {
        /// Rate the sine swings around [requests/s].
        mean: f64,
        /// Swing as a share of the mean [0–1]: 0.5 swings between half and one and a half times the mean.
        amplitude: f64,
        /// Length of one cycle [s], e.g. 86,400 for one day.
        period_s: f64,
    },
    /// Piecewise constant: each step's rate holds from its time until the next step.
    Steps {
        /// The steps in time order; before the first step the rate is 0.
        steps: Vec<RateStep>,
    },
}

/// One step of a piecewise-constant profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RateStep {
    /// When this rate starts [s].
    pub at_s: f64,
    /// Rate from then on [requests/s].
    pub rate: f64,
}

impl Default for RateProfile {
    fn default() -> Self {
        RateProfile::Constant { rate: 100.0 }
    }
}

impl RateProfile {
    /// Rate [requests/s] at simulated time `t_s` [s].
    pub fn rate_at(&self, t_s: f64) -> f64 {
        match self {
            RateProfile::Constant { rate } => *rate,
            RateProfile::Ramp { from, to, over_s } => {
                if *over_s <= 0.0 || t_s >= *over_s {
                    *to
                } else {
                    from + (to - from) * t_s / over_s
                }
            }
            RateProfile::Spike { base, peak, at_s, for_s } => {
                if t_s >= *at_s && t_s < at_s + for_s {
                    *peak
                } else {
                    *base
                }
            }
            RateProfile::Daily { mean, amplitude, period_s } => {
                let phase = std::f64::consts::TAU * t_s / period_s.max(1.0);
                (mean * (1.0 + amplitude * libm::sin(phase))).max(0.0)
            }
            RateProfile::Steps { steps } => {
                steps.iter().take_while(|s| s.at_s <= t_s).last().map_or(0.0, |s| s.rate)
            }
        }
    }

    /// The highest rate the profile ever reaches [requests/s].
    pub fn peak_rate(&self) -> f64 {
        match self {
            RateProfile::Constant { rate } => *rate,
            RateProfile::Ramp { from, to, .. } => from.max(*to),
            RateProfile::Spike { base, peak, .. } => base.max(*peak),
            RateProfile::Daily { mean, amplitude, .. } => mean * (1.0 + amplitude.abs()),
            RateProfile::Steps { steps } => steps.iter().map(|s| s.rate).fold(0.0, f64::max),
        }
    }

    /// Every rate the profile names, for validation.
    pub(crate) fn rates(&self) -> Vec<f64> {
        match self {
            RateProfile::Constant { rate } => vec![*rate],
            RateProfile::Ramp { from, to, .. } => vec![*from, *to],
            RateProfile::Spike { base, peak, .. } => vec![*base, *peak],
            RateProfile::Daily { mean, .. } => vec![*mean],
            RateProfile::Steps { steps } => steps.iter().map(|s| s.rate).collect(),
        }
    }
}
