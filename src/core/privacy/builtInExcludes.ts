/**
 * Files that are never sent to a model, whatever the settings: the places secrets live by convention. Drawn
 * from what Copilot's content exclusion, Continue's `isSecurityConcern` and secret scanners treat as secret-
 * bearing, kept to files that hold secrets rather than code (no `config.json`, no `*.crt`: certificates are
 * public). Each `pattern` is what messages show; `glob` is matched against the file's whole path.
 */
export interface BuiltInExclude {
  readonly pattern: string;
  readonly glob: string;
}

/** `name` anywhere in the path, as a file name (or, with `/**`, a folder). */
const anywhere = (pattern: string, glob = `**/${pattern}`): BuiltInExclude => ({ pattern, glob });

export const BUILT_IN_EXCLUDES: readonly BuiltInExclude[] = [
  // Environment files
  anywhere('.env'),
  anywhere('.env.*'),
  anywhere('*.env'),
  anywhere('.envrc'),
  // Private keys and key stores
  anywhere('*.pem'),
  anywhere('*.key'),
  anywhere('*.p12'),
  anywhere('*.pfx'),
  anywhere('*.p8'),
  anywhere('*.jks'),
  anywhere('*.keystore'),
  anywhere('*.ppk'),
  // id_rsa, id_ed25519, id_ecdsa_sk…: SSH private keys have no extension; their `.pub` halves are public.
  anywhere('id_* (SSH private keys)', '**/id_!(*.*)'),
  anywhere('.ssh/', '**/.ssh/**'),
  anywhere('.gnupg/', '**/.gnupg/**'),
  // Package manager and tool credentials
  anywhere('.npmrc'),
  anywhere('.yarnrc.yml'),
  anywhere('.pypirc'),
  anywhere('.netrc'),
  anywhere('_netrc'),
  anywhere('.pgpass'),
  anywhere('.my.cnf'),
  anywhere('.htpasswd'),
  anywhere('.git-credentials'),
  anywhere('.vault-token'),
  anywhere('.terraformrc'),
  anywhere('terraform.rc'),
  anywhere('*.tfstate'),
  anywhere('*.tfstate.*'),
  // credentials.json, .aws/credentials, application_default_credentials.json, credentials.yml.enc…
  anywhere('*credentials*'),
  anywhere('secrets.{json,yml,yaml,toml,ini}'),
  anywhere('service-account*.json'),
  // Kubernetes and cloud command-line configuration
  anywhere('.kube/config'),
  anywhere('kubeconfig*'),
  anywhere('*.kubeconfig'),
  anywhere('.aws/config'),
  anywhere('.config/gcloud/', '**/.config/gcloud/**'),
  anywhere('.azure/', '**/.azure/**'),
  anywhere('.docker/config.json'),
  anywhere('.s3cfg'),
  anywhere('.boto'),
];
