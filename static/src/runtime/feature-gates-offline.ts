/**
 * Stands in for Atlassian's feature-flag client in the page bundles (see vite.config.mts).
 * Atlaskit components ask that client about experiments that only Atlassian's own products run;
 * in an app's page the client is never initialised and answers every question with the default.
 * This module gives those same defaults without shipping the client (tens of KB of gzip).
 */

interface ExperimentConfig {
  get: <T>(parameter: string, defaultValue: T) => T;
}

const DEFAULTS_ONLY: ExperimentConfig = { get: (_parameter, defaultValue) => defaultValue };

/** The subset of the client's API that the Atlaskit packages in these pages call. */
const FeatureGates = {
  initializeCompleted: (): boolean => false,
  checkGate: (_gate: string): boolean => false,
  getExperiment: (_experiment: string): ExperimentConfig => DEFAULTS_ONLY,
  getExperimentValue: <T>(_experiment: string, _parameter: string, defaultValue: T): T =>
    defaultValue,
};

export default FeatureGates;
