// What every SAE (and gateway / STS) error code means for someone running this action, and what to do about
// it: the catalogue's entries, as data. How a code and SAE's message are matched to an entry, and the annotation
// built from it, are report/catalogue.ts.
//
// Sources: the UpdateJob page's error table (docs/reference/updatejob-page.txt; test/unit/report/catalogue.test.ts parses
// it, so a code added there fails the test until it is described here) and docs/reference/sae-api.md §4.1, §6, §8.2,
// §8.3, §8.4 and §10.
import type { Subject } from '../contract/spec-keys.js';

export interface CatalogueEntry {
  /** The exact SAE code, e.g. 'Sls.Project.Name.Invalid'. */
  code: string;
  /** The documented HTTP status (the first one where the docs disagree). */
  status?: number;
  /** Plain words, one sentence; may contain %s placeholders in the order the server's message fills them. */
  cause: string;
  /** What to do, naming the inputs involved (kebab-case, as written in the workflow). */
  fix: string;
  /** The action inputs involved (kebab-case), used to point the annotation at the workflow line. */
  inputs: readonly Subject[];
  /** SAE documents it as worth retrying: set from sae/codes.ts DOCUMENTED_TRANSIENT, the list the retries follow. */
  transient?: boolean;
  /** SAE's own English message (from the seed), whose %s the server fills; used to read the values back. */
  template?: string;
}

// Phrases shared by several entries.
const NO_INPUT = 'No workflow input is involved';
const APP_ONLY = 'this concerns applications, not job templates';
const APP_ONLY_FIX =
  'This action never sends that setting, so check that app-id is the id of a job template rather than an application; if it is, open an Alibaba Cloud ticket with the request id.';
const RETRY_FIX =
  'This is usually temporary: the action retries it with backoff up to max-retries times; if it still fails, re-run the workflow later and, if it persists, open an Alibaba Cloud ticket with the request id.';
const PARAM_FIX =
  'Correct the input for the parameter SAE names (inputs are the kebab-case form of the parameter names, e.g. SlsConfigs is sls-configs, TriggerConfig is trigger-config); JSON inputs such as envs, sls-configs or trigger-config must have exactly the documented fields.';
const SAE_ACTIONS =
  'sae:UpdateJob, sae:DescribeJob, sae:DescribeChangeOrder, sae:ListChangeOrders and sae:DescribePipeline (plus sae:AbortChangeOrder for on-timeout: abort and sae:ConfirmPipelineBatch for confirm-batches: true, sae:ExecJob and sae:DescribeJobStatus for run-after-deploy: true)';
const PERMISSION_FIX = `Grant the sae: actions this action calls, ${SAE_ACTIONS}, in a RAM policy attached to the identity behind access-key-id or role-to-assume (AliyunSAEFullAccess covers them all).`;
const THROTTLING: Omit<CatalogueEntry, 'code'> = {
  status: 400,
  cause: 'SAE throttled the request because the account made too many API calls in a short time.',
  fix: 'The action waits and retries throttled calls (honouring x-acs-retry-after) for as long as wait-timeout allows, without using up max-retries, and it ran out of time first: raise wait-timeout, or run fewer deploys in parallel (max-parallel in the matrix), since SAE allows about 60 calls a minute per user, shared by every run with the same account.',
  inputs: ['wait-timeout'],
};
const APP_NOT_FOUND: Omit<CatalogueEntry, 'code'> = {
  cause: 'No job template with this id exists in the region the action called.',
  fix: 'Check app-id: it must be the id of an existing job template (not an application) in the region set by region (or reached through endpoint when that is set); copy it from the job template page of the SAE console.',
  inputs: ['app-id', 'region', 'endpoint'],
};
const SLS_PAIR_FIX =
  'In sls-configs, every entry that sets projectName must also set logstoreName, and the reverse; leave both out to let SAE create the project and Logstore.';

export const ENTRIES: readonly CatalogueEntry[] = [
  // ---- The UpdateJob error table (seed) ----
  {
    code: 'Application.MissingJdk',
    status: 400,
    template: 'Your application must at least contain a JDK component.',
    cause: 'The job template needs a JDK component, but none is set.',
    fix: 'Set jdk (e.g. Open JDK 8 or Dragonwell 11) for FatJar and War templates; image templates take image-url and no jdk.',
    inputs: ['jdk', 'image-url'],
  },
  {
    code: 'InvalidApplication.NotFound',
    status: 400,
    template: 'The current application does not exist.',
    ...APP_NOT_FOUND,
  },
  {
    code: 'InvalidComponent.NotFound',
    status: 400,
    template: 'The current component (such as JDK, Tomcat, or EDASWebContainer) does not exist.',
    cause: 'SAE does not know the JDK, Tomcat or EDAS container version that was requested.',
    fix: 'Use a supported value: jdk is one of Open JDK 8, Open JDK 7, Dragonwell 11, Dragonwell 8, openjdk-8u191-jdk-alpine3.9 or openjdk-7u201-jdk-alpine3.9; web-container is apache-tomcat-7.0.91 or apache-tomcat-8.5.42; edas-container-version must be a version the console offers.',
    inputs: ['jdk', 'web-container', 'edas-container-version'],
  },
  {
    code: 'InvalidHostnameIp.Invalid',
    status: 400,
    template: 'The hostname and/or IP is invalid: Hostname [%s], IP [%s].',
    cause: 'A custom host alias has an invalid host name or IP address (host name %s, IP %s).',
    fix: 'Correct custom-host-alias: every entry needs hostName, a valid host name, and ip, a valid IPv4 address, e.g. [{"hostName":"samplehost","ip":"127.0.0.1"}].',
    inputs: ['custom-host-alias'],
  },
  {
    code: 'InvalidInstanceSpecification.Unsupported',
    status: 400,
    template: 'The instance specification is not supported: CPU [%s], memory [%s].',
    cause: "The job template's instance size is not supported (CPU %s, memory %s).",
    fix: `${NO_INPUT}: UpdateJob cannot change CPU or memory, so change the template's specification in the SAE console to a supported CPU and memory pair, then re-run.`,
    inputs: [],
  },
  {
    code: 'InvalidPackageType.NotFound',
    status: 400,
    template: 'The package type must be War, FatJar, or Image.',
    cause: "The deployment does not fit the job template's package type, which must be War, FatJar or Image.",
    fix: 'The package type is fixed when the template is created: send image-url for an Image template, or package-url with package-version (and jdk, plus web-container for War) for a FatJar or War template.',
    inputs: ['image-url', 'package-url', 'package-version'],
  },
  {
    code: 'InvalidParameter.FileName',
    status: 400,
    template:
      'The application deployment package name is invalid. This name can contain only alphanumeric characters, hyphens (-), and underscores (_). In addition, you can upload JAR files only if the selected deployment version supports JAR file. Otherwise, upload WAR files only.',
    cause:
      'The package file name is not accepted: it may use only letters, digits, hyphens and underscores, and a .jar is accepted only where the runtime supports JAR files (otherwise a .war).',
    fix: 'Rename the file package-url points to (letters, digits, - and _ before the .jar or .war extension) and make its kind match the template; if a JAR is refused, check jdk and web-container.',
    inputs: ['package-url', 'jdk', 'web-container'],
  },
  {
    code: 'InvalidParameter.NotEmpty',
    status: 400,
    template: 'You must specify the parameter %s.',
    cause: 'A required parameter was not sent (%s).',
    fix: 'Set the input for that parameter (the kebab-case form of its name, e.g. PackageVersion is package-version): app-id is always required, and a package-url needs a package-version.',
    inputs: ['app-id', 'package-version'],
  },
  {
    code: 'InvalidParameter.Obviously',
    status: 400,
    template: 'The specified parameter is invalid {%s}.',
    cause: 'SAE rejected a parameter value as invalid (%s).',
    fix: PARAM_FIX,
    inputs: [],
  },
  {
    code: 'InvalidParameter.WithMessage',
    status: 400,
    template: 'The parameter is invalid {%s}: %s',
    cause: 'SAE rejected a parameter value (%s: %s).',
    fix: PARAM_FIX,
    inputs: [],
  },
  {
    code: 'JarApplication.MissingJdk',
    status: 400,
    template: 'A FatJar application must contain JDK.',
    cause: 'A FatJar job template needs a JDK, but none is set.',
    fix: 'Set jdk (e.g. Open JDK 8 or Dragonwell 11) together with package-url.',
    inputs: ['jdk', 'package-url'],
  },
  {
    code: 'NoComputeResourceQuota.Exceed',
    status: 400,
    template: 'Your compute resource is insufficient. Please contact us to raise the quota.',
    cause: "The account's SAE compute quota in this region is used up.",
    fix: 'Lower replicas, or ask Alibaba Cloud (Quota Center or a ticket) to raise the compute quota; instances of running jobs and applications count too.',
    inputs: ['replicas'],
  },
  {
    code: 'PandoraApplication.MissingJdk',
    status: 400,
    template: 'The Pandora application is missing a JDK component.',
    cause: 'An HSF (Pandora) job template needs a JDK, but none is set.',
    fix: 'Set jdk together with edas-container-version.',
    inputs: ['jdk', 'edas-container-version'],
  },
  {
    code: 'PandoraApplication.OnlyJdk',
    status: 400,
    template: 'A Pandora application only requires JDK component.',
    cause: 'An HSF (Pandora) job template takes only a JDK, yet another component such as Tomcat was given.',
    fix: 'Leave web-container empty for Pandora templates and keep only jdk with edas-container-version.',
    inputs: ['web-container', 'jdk', 'edas-container-version'],
  },
  {
    code: 'WarApplication.MissingJdkWebcontainer',
    status: 400,
    template: 'A War application must contain JDK and Tomcat.',
    cause: 'A War job template needs both a JDK and a Tomcat version.',
    fix: 'Set jdk (e.g. Open JDK 8) and web-container (apache-tomcat-7.0.91 or apache-tomcat-8.5.42).',
    inputs: ['jdk', 'web-container'],
  },
  {
    code: 'LogService.ConfigQuotaExceed',
    status: 400,
    template: 'The maximum number of Log Service configs is exceeded.',
    cause: 'The Simple Log Service (SLS) limit on log collection (Logtail) configurations has been reached.',
    fix: 'Delete unused Logtail configurations in SLS, reuse one with logtailName in sls-configs, or ask for a higher SLS quota; clear: sls-configs deploys without log collection.',
    inputs: ['sls-configs'],
  },
  {
    code: 'LogService.InternalError',
    status: 400,
    template: 'An exception occurred while calling Log Service. Please submit a ticket to solve the problem.',
    cause: 'SAE failed to call Simple Log Service (SLS) while setting up log collection.',
    fix: 'This is usually temporary: the action retries it up to max-retries times; if it keeps failing, re-run later, or deploy without sls-configs and open an Alibaba Cloud ticket with the request id.',
    inputs: ['sls-configs', 'max-retries'],
  },
  {
    code: 'LogService.LogDirInvalid',
    status: 400,
    template: 'The log collection path is invalid.',
    cause: 'A log collection path (logDir) is not valid.',
    fix: 'Correct logDir in sls-configs: an absolute file path such as /tmp/a.log, or an empty logDir with logType "stdout" for standard output.',
    inputs: ['sls-configs'],
  },
  {
    code: 'LogService.NotAvailable',
    status: 400,
    template: 'Log Service is unavailable. Please activate Log Service first.',
    cause: 'Simple Log Service (SLS) is not activated for this account.',
    fix: 'Activate Log Service in the Alibaba Cloud console, or remove sls-configs (clear: sls-configs) to deploy without log collection.',
    inputs: ['sls-configs'],
  },
  {
    code: 'LogService.ProjectNumQuotaExceed',
    status: 400,
    template: 'The maximum number of Log Service projects is exceeded.',
    cause: 'The account has reached its limit of Simple Log Service (SLS) projects.',
    fix: 'Delete unused SLS projects, set projectName and logstoreName in sls-configs to reuse an existing project, or ask for a higher SLS quota.',
    inputs: ['sls-configs'],
  },
  {
    code: 'user.indebt',
    status: 400,
    template: 'The user has an outstanding payment.',
    cause: 'The Alibaba Cloud account has an overdue payment, so SAE refuses changes.',
    fix: `${NO_INPUT}: settle the outstanding balance in the Billing console, then re-run.`,
    inputs: [],
  },
  {
    code: 'NoComputeResourceQuota.App.Exceed',
    status: 400,
    template: 'You can create %s instances for each application. Please submit a ticket to raise the quota.',
    cause: 'The job asks for more instances than one job template may have (limit %s).',
    fix: 'Lower replicas to the limit or less, or submit a ticket to raise the per-application instance quota.',
    inputs: ['replicas'],
  },
  {
    code: 'NoComputeResourceQuota.User.Exceed',
    status: 400,
    template: 'Your account is limited to create %s instances. Please submit a ticket to raise the quota.',
    cause: "The account's total instance quota would be exceeded (limit %s).",
    fix: 'Lower replicas, stop instances the account no longer needs, or submit a ticket to raise the account instance quota.',
    inputs: ['replicas'],
  },
  {
    code: 'System.Upgrading',
    status: 400,
    template: 'The system is being upgraded. Please try again later.',
    cause: 'SAE is being upgraded and refuses changes for now.',
    fix: RETRY_FIX,
    inputs: ['max-retries'],
  },
  {
    code: 'VolumnPath.Conflict',
    status: 400,
    template: 'Conflict between log collection directory and persistent storage directory.',
    cause: 'A log collection directory overlaps a storage mount path.',
    fix: 'Move logDir in sls-configs out of the mountPath of every mount in mount-desc, nas-configs and oss-mount-descs (or mount the storage somewhere else).',
    inputs: ['sls-configs', 'mount-desc', 'nas-configs', 'oss-mount-descs'],
  },
  {
    code: 'Application.ChangerOrderRunning',
    status: 400,
    template: 'An application change process is in progress. Please try again later.',
    cause: 'Another change order is still running on this job template.',
    fix: 'With if-busy: wait (the default) the action waits for it to end, within wait-timeout, then retries once; with if-busy: fail it stops at once. Raise wait-timeout, or stop parallel workflows from deploying the same app-id (a concurrency group per template).',
    inputs: ['if-busy', 'wait-timeout', 'app-id'],
  },
  {
    code: 'Application.InvalidStatus',
    status: 400,
    template: 'The application status is abnormal. Please try again later.',
    cause: 'The job template is in an abnormal state right now, for example still being created, changed or stopped.',
    fix: "This is usually temporary: the action retries it up to max-retries times; if it persists, look at the template's state and last change order for app-id in the SAE console.",
    inputs: ['max-retries', 'app-id'],
  },
  {
    code: 'MountConflict.ConfigMap',
    status: 400,
    template: 'Conflict detected for ConfigMap path %s.',
    cause: 'Two mounts use the same path (ConfigMap mount path %s).',
    fix: 'Give every entry in config-map-mount-desc its own mountPath, one that mount-desc, nas-configs and oss-mount-descs do not use either.',
    inputs: ['config-map-mount-desc', 'mount-desc', 'nas-configs', 'oss-mount-descs'],
  },
  {
    code: 'NotFound.ConfigMap',
    status: 400,
    template: 'The ConfigMap object (ID: %s) does not exist.',
    cause: 'A referenced ConfigMap does not exist (id %s).',
    fix: "Check configMapId in config-map-mount-desc and in envs (entries with valueFrom configMapRef): the ConfigMap must exist in the job template's namespace (see the console or ListNamespacedConfigMaps).",
    inputs: ['config-map-mount-desc', 'envs'],
  },
  {
    code: 'NotFound.ConfigMapKey',
    status: 400,
    template: 'The key %s of ConfigMap object (ID: %s) does not exist.',
    cause: 'A referenced ConfigMap key does not exist (key %s in ConfigMap %s).',
    fix: "Check key in config-map-mount-desc and envs against the ConfigMap's keys, or use sae-sys-configmap-all to mount every key.",
    inputs: ['config-map-mount-desc', 'envs'],
  },
  {
    code: 'Package.Version.Too.Long',
    status: 400,
    template: 'The maximum length of package version is exceeded.',
    cause: 'The package version is longer than SAE allows.',
    fix: 'Shorten package-version; when it is left empty the action uses the tag being built or the short commit SHA.',
    inputs: ['package-version'],
  },
  {
    code: 'App.Package.Version.Exists',
    status: 400,
    template: 'The package version of application already exists.',
    cause: 'This package version was already deployed to the job template.',
    fix: 'Give every new package-url a new package-version (e.g. the release tag or commit SHA), or leave package-version empty to let the action derive one.',
    inputs: ['package-version', 'package-url'],
  },
  {
    code: 'Slb.Occupied',
    status: 400,
    template: 'The SLB instance is occupied.',
    cause: `The load balancer (SLB) instance is already in use; ${APP_ONLY}.`,
    fix: APP_ONLY_FIX,
    inputs: ['app-id'],
  },
  {
    code: 'Slb.Tag.Not.Qualified',
    status: 400,
    template: 'The current SLB instance cannot be reused because it may have been occupied by %s.',
    cause: `The load balancer (SLB) instance cannot be reused because something else may hold it (%s); ${APP_ONLY}.`,
    fix: APP_ONLY_FIX,
    inputs: ['app-id'],
  },
  {
    code: 'MinReadyInstances.Not.Smaller.Replicas',
    status: 400,
    template: 'The minimum number of available instances must be less than the number of application instances.',
    cause: `The minimum number of ready instances must be smaller than the instance count; ${APP_ONLY}.`,
    fix: APP_ONLY_FIX,
    inputs: ['app-id'],
  },
  {
    code: 'BatchWaitTime.Not.Smaller.Zero',
    status: 400,
    template: 'BatchWaitTime must not be smaller than zero.',
    cause: `The wait time between release batches must not be negative; ${APP_ONLY}.`,
    fix: APP_ONLY_FIX,
    inputs: ['app-id'],
  },
  {
    code: 'Sls.Config.Mixed.Multi.Project',
    status: 400,
    template: 'The specified Config contains multiple projects.',
    cause: 'The log collection settings name more than one SLS project.',
    fix: 'Use one projectName in every entry of sls-configs, or leave projectName out everywhere to let SAE create the project.',
    inputs: ['sls-configs'],
  },
  {
    code: 'Sls.Config.User.Defined.Missing.Logstore.Info',
    status: 400,
    template: 'The specified Config is invalid. Both Project and Logstore must be specified.',
    cause: 'A custom SLS project is given without a Logstore.',
    fix: SLS_PAIR_FIX,
    inputs: ['sls-configs'],
  },
  {
    code: 'Sls.Config.User.Defined.Missing.Project.Info',
    status: 400,
    template: 'The specified Config is invalid. Both Project and Logstore must be specified.',
    cause: 'A custom SLS Logstore is given without a project.',
    fix: SLS_PAIR_FIX,
    inputs: ['sls-configs'],
  },
  {
    code: 'Sls.Logstore.Name.Invalid',
    status: 400,
    template: 'The specified name of Logstore is invalid. The Logstore name must not contain the prefix "sae-".',
    cause: 'A Logstore name starts with sae-, a prefix reserved for resources SAE creates itself.',
    fix: 'Rename logstoreName in sls-configs so it does not start with sae-.',
    inputs: ['sls-configs'],
  },
  {
    code: 'Sls.Logstore.User.Defined.Not.Exist',
    status: 400,
    template: 'The user defined Logstore does not exist.',
    cause: 'The custom Logstore named in the log collection settings does not exist.',
    fix: 'Create the Logstore in the SLS project first, or correct logstoreName and projectName in sls-configs; the project must be in the region set by region.',
    inputs: ['sls-configs', 'region'],
  },
  {
    code: 'Sls.Project.Name.Invalid',
    status: 400,
    template: 'The specified project name is invalid. The project name must not contain the prefix "sae-".',
    cause:
      'An SLS project name starts with sae-, a prefix reserved for projects SAE creates (and deletes with the template).',
    fix: 'Rename projectName in sls-configs so it does not start with sae-, or leave projectName out to let SAE manage the project.',
    inputs: ['sls-configs'],
  },
  {
    code: 'Sls.Project.User.Defined.Not.Exist',
    status: 400,
    template: 'The user defined project does not exist.',
    cause: 'The custom SLS project named in the log collection settings does not exist.',
    fix: 'Create the project in Simple Log Service first, or correct projectName in sls-configs; it must be in the region set by region.',
    inputs: ['sls-configs', 'region'],
  },
  {
    code: 'Sae.Errorcode.Ahas.Create.Error.Message',
    status: 400,
    template: 'Failed to create AHAS.',
    cause: 'SAE could not set up AHAS (Application High Availability Service) for the template.',
    fix: `${NO_INPUT}: check that AHAS is activated for the account, re-run, and if it persists open an Alibaba Cloud ticket with the request id.`,
    inputs: [],
  },
  {
    code: 'InvalidImageUrl.AcrInstanceId.Domain.NotMatch',
    status: 400,
    template: 'The specified domain of ImageUrl does not match AcrInstanceId domains.',
    cause:
      "The image's registry host is not one of the domains of the given Container Registry Enterprise Edition instance.",
    fix: 'Make the host of image-url one of the domains of the acr-instance-id instance (listed under its access settings in the ACR console), or leave acr-instance-id empty for images that are not in an ACR Enterprise Edition instance.',
    inputs: ['image-url', 'acr-instance-id'],
  },
  {
    code: 'PhpApplication.MissingPhpRuntime',
    status: 400,
    template: 'A PHP application must contain PHP Runtime.',
    cause: 'A PHP job template needs a PHP runtime, but none is set.',
    fix: 'Set php to a PHP runtime version (e.g. PHP-FPM 7.0) for PHP templates.',
    inputs: ['php'],
  },
  {
    code: 'InvalidNamespaceId.NotFound',
    status: 404,
    template: 'The specified NamespaceId does not exist.',
    cause: 'The namespace the request refers to does not exist.',
    fix: 'No input sets the namespace (UpdateJob cannot change it): check that app-id and region point at the intended job template and that its namespace still exists in the SAE console.',
    inputs: ['app-id', 'region'],
  },
  {
    code: 'InvalidAcrInstanceId.NotFound',
    status: 404,
    template: 'The specified AcrInstanceId does not exist.',
    cause: 'The given Container Registry Enterprise Edition instance does not exist in this region.',
    fix: 'Check acr-instance-id: it must be the id (cri-…) of an ACR Enterprise Edition instance in the region set by region; leave it empty for other images.',
    inputs: ['acr-instance-id', 'region'],
  },
  {
    code: 'Associate.Eip.Not.Enough',
    status: 404,
    template: 'No sufficient EIPs are available.',
    cause: 'There are not enough elastic IP addresses (EIPs) to give every instance one.',
    fix: "Lower replicas, add EIPs to the account, or turn off EIP binding in the template's settings in the SAE console.",
    inputs: ['replicas'],
  },

  // ---- Other documented SAE codes (docs/reference/sae-api.md §4.1, §8.3) ----
  { code: 'InvalidAppId.NotFound', status: 404, ...APP_NOT_FOUND },
  {
    code: 'InvalidChangeOrder.NotFound',
    status: 400,
    cause: 'The change order the action is following does not exist.',
    fix: 'No input names the change order; this usually means the calls reached different regions or the order was deleted: check region and endpoint, and look at the change orders of the job template in the SAE console.',
    inputs: ['region', 'endpoint'],
  },
  {
    code: 'Resouce.no.permission',
    status: 400, // sic: SAE's spelling
    cause: 'The credentials are not authorised for this SAE resource.',
    fix: `${PERMISSION_FIX} Also check that app-id belongs to the same account.`,
    inputs: ['access-key-id', 'role-to-assume', 'app-id'],
  },
  {
    code: 'InvalidResponse.Api',
    status: 404,
    cause: 'The SAE gateway could not produce a valid response for this API.',
    fix: 'Check that endpoint, if set, points at SAE (https://sae.<region>.aliyuncs.com, no path) and that region is right; if it persists, open an Alibaba Cloud ticket with the request id.',
    inputs: ['endpoint', 'region'],
  },
  {
    code: 'InvalidVpcId.NotFound',
    status: 404,
    cause: "The job template's VPC does not exist.",
    fix: "No input sets the VPC (UpdateJob cannot change it): check the template's network settings in the SAE console, and that region is the template's region.",
    inputs: ['region'],
  },
  {
    code: 'InvalidServerlessRegion.Unsupported',
    status: 400,
    cause: 'SAE is not offered in the requested region.',
    fix: 'Set region to a region where SAE runs (e.g. cn-hangzhou, cn-shanghai, ap-southeast-1), and make endpoint match it if you set one.',
    inputs: ['region', 'endpoint'],
  },
  {
    code: 'NoAvailableCluster.NotFound',
    status: 400,
    cause: 'SAE has no cluster available to run the template in this region or zone.',
    fix: `${NO_INPUT}: re-run later, or move the template to another zone (vSwitch) in the SAE console; if it persists, open an Alibaba Cloud ticket with the request id.`,
    inputs: [],
  },

  // ---- Gateway codes (docs/reference/sae-api.md §6; statuses differ between docs) ----
  {
    code: 'SignatureDoesNotMatch',
    status: 400, // also documented as 403
    cause: 'The request signature did not match: the access key secret is wrong or the request was altered on the way.',
    fix: 'Check that access-key-secret (or ALIBABA_CLOUD_ACCESS_KEY_SECRET and the other ALIBABA_CLOUD_* variables) belongs to access-key-id and has no stray spaces or line breaks, and that nothing between the runner and endpoint rewrites requests.',
    inputs: ['access-key-secret', 'access-key-id', 'endpoint'],
  },
  {
    code: 'IncompleteSignature',
    status: 400,
    cause: 'The request signature is missing or malformed.',
    fix: 'Check that access-key-id and access-key-secret (or the ALIBABA_CLOUD_* variables) are both set and non-empty, and that no proxy in front of endpoint strips headers.',
    inputs: ['access-key-id', 'access-key-secret', 'endpoint'],
  },
  {
    code: 'InvalidAccessKeyId.NotFound',
    status: 404, // also documented as 400
    cause: 'Alibaba Cloud does not know the AccessKey id that signed the request.',
    fix: 'Check access-key-id (or ALIBABA_CLOUD_ACCESS_KEY_ID): it may be mistyped or deleted; temporary keys (starting with STS.) also need security-token and expire.',
    inputs: ['access-key-id', 'security-token'],
  },
  {
    code: 'InvalidAccessKeyId.Inactive',
    status: 400,
    cause: 'The AccessKey that signed the request is disabled.',
    fix: 'Enable the key in the RAM console, or create a new one and update access-key-id and access-key-secret (the repository secrets they come from).',
    inputs: ['access-key-id', 'access-key-secret'],
  },
  {
    code: 'InvalidTimeStamp.Format',
    status: 400,
    cause: "The request's date is malformed.",
    fix: `${NO_INPUT}: the runner's clock or time settings produced a bad date, or a proxy rewrote the Date header; check the runner's clock and re-run.`,
    inputs: [],
  },
  {
    code: 'InvalidTimeStamp.Expired',
    status: 400,
    cause: "The request's timestamp is more than 15 minutes away from Alibaba Cloud's clock.",
    fix: `${NO_INPUT}: fix the runner's clock (enable NTP time sync on self-hosted runners) and re-run.`,
    inputs: [],
  },
  {
    code: 'SignatureNonceUsed',
    status: 400,
    cause: "The request's nonce was already used, so the gateway treated it as a replay.",
    fix: `${NO_INPUT}: re-run the step; if it keeps happening, look for a proxy that replays requests.`,
    inputs: [],
  },
  {
    code: 'InvalidSignatureMethod',
    status: 400,
    cause: 'The gateway does not support the signature method the request used.',
    fix: 'Check that endpoint, if set, reaches the Alibaba Cloud gateway directly and not through a proxy that rewrites headers; otherwise report it as a bug with the request id.',
    inputs: ['endpoint'],
  },
  {
    code: 'UnsupportedHTTPMethod',
    status: 400, // also documented as 403
    cause: 'The gateway does not accept the HTTP method the request used.',
    fix: 'Check endpoint: it must be the SAE endpoint (https://sae.<region>.aliyuncs.com) with no path or trailing slash, with nothing in between that rewrites methods.',
    inputs: ['endpoint'],
  },
  {
    code: 'InvalidApi.NotFound',
    status: 404,
    cause: 'The endpoint that was called has no such API.',
    fix: 'endpoint points at something that is not SAE, or region is wrong: leave endpoint empty to use https://sae.<region>.aliyuncs.com, or set it without a path or trailing slash.',
    inputs: ['endpoint', 'region'],
  },
  {
    code: 'InvalidProtocol.NeedSsl',
    status: 404,
    cause: 'The endpoint requires HTTPS, but the request used plain HTTP.',
    fix: 'Use an https:// endpoint (plain http:// is only for a local emulator on a loopback address).',
    inputs: ['endpoint'],
  },
  {
    code: 'Forbidden.RAM',
    status: 403,
    cause: 'The RAM user or role behind the credentials is not allowed to call this SAE API.',
    fix: PERMISSION_FIX,
    inputs: ['access-key-id', 'role-to-assume'],
  },
  {
    code: 'NoPermission',
    status: 403,
    cause: 'The RAM user or role behind the credentials is not allowed to call this SAE API.',
    fix: PERMISSION_FIX,
    inputs: ['access-key-id', 'role-to-assume'],
  },
  { code: 'Throttling', ...THROTTLING },
  { code: 'Throttling.User', ...THROTTLING },
  { code: 'Throttling.Api', ...THROTTLING },

  // ---- STS security tokens (§10) ----
  {
    // The code is the emulator's: SAE's own for a temporary key sent without its token is [U]
    // (docs/reference/sae-api.md §6c).
    code: 'MissingSecurityToken',
    status: 400,
    cause: 'The AccessKey id is a temporary (STS) one, but no security token was sent with it.',
    fix: 'Set security-token (or ALIBABA_CLOUD_SECURITY_TOKEN) to the token issued with this temporary key, taking access-key-id, access-key-secret and security-token from the same STS response; or use keyless login (role-to-assume with oidc-provider-arn), which gets all three itself.',
    inputs: ['security-token', 'access-key-id'],
  },
  {
    code: 'InvalidSecurityToken.Expired',
    cause: 'The STS security token has expired.',
    fix: 'Temporary credentials last only 15 to 60 minutes: get them right before this step (role-to-assume with oidc-provider-arn lets the action fetch fresh ones itself) and never reuse a security-token from an earlier job.',
    inputs: ['security-token', 'role-to-assume', 'oidc-provider-arn'],
  },
  {
    code: 'InvalidSecurityToken.Malformed',
    cause: 'The STS security token is malformed.',
    fix: 'Check that security-token (or ALIBABA_CLOUD_SECURITY_TOKEN) holds the whole token with no spaces or line breaks, and leave it empty with a permanent AccessKey.',
    inputs: ['security-token'],
  },
  {
    code: 'InvalidSecurityToken.MismatchWithAccessKey',
    cause: 'The STS security token does not belong to the AccessKey id sent with it.',
    fix: 'Take access-key-id, access-key-secret and security-token from the same STS response (set all three, or none and rely on the ALIBABA_CLOUD_* variables).',
    inputs: ['access-key-id', 'access-key-secret', 'security-token'],
  },

  // ---- STS AssumeRoleWithOIDC refusals (§10.3) ----
  // Codes as STS documents them (RAM developer reference, "STS 2015-04-01 error codes", and the ACK RRSA
  // troubleshooting table for the issuer codes): AuthenticationFail.* answer 401, InvalidParameter.* 400,
  // EntityNotExist.* 404. The keyless-login refusal itself is explained by credentials/sts.ts; these entries
  // serve explain() and the docs.
  {
    code: 'AuthenticationFail.OIDCToken.AudienceNotMatch',
    status: 401,
    cause: "The token's audience is not one of the client ids of the OIDC provider.",
    fix: 'oidc-audience must be a client id of the OIDC provider in oidc-provider-arn: add sts.aliyuncs.com (the default) as a client id in RAM, or set oidc-audience to one it lists.',
    inputs: ['oidc-audience', 'oidc-provider-arn'],
  },
  {
    code: 'AuthenticationFail.OIDCToken.InvalidSignature',
    status: 401,
    cause: "STS could not verify the GitHub token's signature with the keys of the OIDC provider's issuer.",
    fix: "Check that the OIDC provider in oidc-provider-arn has the issuer URL https://token.actions.githubusercontent.com (or your GitHub Enterprise issuer) and GitHub's current certificate fingerprint; a token changed on the way (a proxy) also fails this way.",
    inputs: ['oidc-provider-arn'],
  },
  {
    code: 'AuthenticationFail.OIDCToken.HttpsUrlInvalid',
    status: 401,
    cause:
      "STS could not validate the certificate chain of the OIDC provider's issuer URL, or its root CA is not trusted.",
    fix: "In RAM, set the issuer URL of the OIDC provider named by oidc-provider-arn to https://token.actions.githubusercontent.com and update its fingerprint to GitHub's current certificate.",
    inputs: ['oidc-provider-arn'],
  },
  {
    code: 'AuthenticationFail.OIDCToken.Expired',
    status: 401,
    cause: 'The GitHub OIDC token had expired when STS checked it.',
    fix: "Re-run the job; the action fetches the token just before the exchange, so a repeat points at the runner's clock or a slow sts-endpoint.",
    inputs: ['sts-endpoint'],
  },
  {
    code: 'AuthenticationFail.OIDCToken.Invalid',
    status: 401,
    cause: 'STS could not read the GitHub OIDC token (empty, not a three-part JWT, or an unsupported algorithm).',
    fix: "Check that the workflow grants permissions: id-token: write and that nothing rewrites the token; the OIDC provider in oidc-provider-arn must have the issuer https://token.actions.githubusercontent.com and GitHub's current certificate fingerprint.",
    inputs: ['oidc-provider-arn'],
  },
  {
    code: 'AuthenticationFail.OIDCToken.IssuerNotMatch',
    status: 401,
    cause: "The token's issuer does not match the issuer URL of the OIDC provider.",
    fix: "Set the issuer URL of the OIDC provider named by oidc-provider-arn to https://token.actions.githubusercontent.com (or your enterprise's custom GitHub issuer URL).",
    inputs: ['oidc-provider-arn'],
  },
  {
    code: 'AuthenticationFail.OIDCToken.IssuerConfigurationBroken',
    status: 401,
    cause: "STS could not get the public keys from the OIDC provider's issuer URL.",
    fix: 'Check the issuer URL of the OIDC provider named by oidc-provider-arn: for GitHub it is https://token.actions.githubusercontent.com, reachable from the internet.',
    inputs: ['oidc-provider-arn'],
  },
  {
    code: 'AuthenticationFail.NoPermission',
    status: 401,
    cause:
      "The RAM role does not trust this OIDC provider or this workflow's token (or the OIDC provider is not registered).",
    fix: 'The trust policy of role-to-assume must allow the provider in oidc-provider-arn and the token\'s sub, e.g. oidc:sub like repo:OWNER/REPO:ref:refs/tags/* (and oidc:aud equal to oidc-audience); with "No such OIDC Provider registered", check oidc-provider-arn.',
    inputs: ['role-to-assume', 'oidc-provider-arn', 'oidc-audience'],
  },
  {
    code: 'EntityNotExist.Role',
    status: 404,
    cause: 'The RAM role to assume does not exist.',
    fix: 'Check role-to-assume: acs:ram::<account id>:role/<role name>, in the account that owns the job template.',
    inputs: ['role-to-assume'],
  },
  {
    code: 'EntityNotExist.OIDCProvider',
    status: 404,
    cause: 'The OIDC identity provider does not exist.',
    fix: 'Check oidc-provider-arn: acs:ram::<account id>:oidc-provider/<name>, as created under RAM SSO (OIDC) in the same account as the role.',
    inputs: ['oidc-provider-arn'],
  },
  {
    code: 'InvalidParameter.RoleArn',
    status: 400,
    cause: 'The ARN of the role to assume is malformed.',
    fix: 'Set role-to-assume to a role ARN of the form acs:ram::<account id>:role/<role name>.',
    inputs: ['role-to-assume'],
  },
  {
    code: 'InvalidParameter.RoleSessionName',
    status: 400,
    cause: 'The role session name is not accepted by STS.',
    fix: 'Set role-session-name to 2 to 64 characters, each a letter, digit, dot, @, hyphen or underscore (e.g. deploy-${{ github.run_id }}), or leave it empty for the default.',
    inputs: ['role-session-name'],
  },
  {
    code: 'InvalidParameter.DurationSeconds',
    status: 400,
    cause: 'The requested session duration is outside what the RAM role allows.',
    fix: "The action asks for 3600 seconds, the least a RAM role's maximum session duration can be; check the role named by role-to-assume in RAM (its MaxSessionDuration) and open an issue with this log.",
    inputs: ['role-to-assume'],
  },

  // ---- Generic server codes (§8.5) ----
  {
    code: 'ServiceUnavailable',
    status: 503,
    cause: 'SAE is temporarily unavailable.',
    fix: RETRY_FIX,
    inputs: ['max-retries'],
  },
  {
    code: 'InternalError',
    status: 500,
    cause: 'SAE hit an internal error.',
    fix: RETRY_FIX,
    inputs: ['max-retries'],
  },

  // ---- The action's own: several templates in one step (src/step/deploy-templates.ts; the causes in report/step-summary.ts) ----
  {
    code: 'FailFast.NotStarted',
    cause: 'Another template of the step failed first and fail-fast is true, so this one was not deployed.',
    fix: 'Fix the template that failed and run the step again, or set fail-fast: false to deploy every template whatever the others do.',
    inputs: ['fail-fast'],
  },
  {
    code: 'Spec.SameTemplate',
    cause: 'Two spec files of the step name the same job template; only the first was deployed.',
    fix: 'Keep one spec file per template, or deploy the two in separate steps.',
    inputs: ['spec'],
  },

  // ---- The action's own: on-failure: rollback (src/deploy/rollback.ts; the causes in report/rollback-messages.ts) ----
  {
    code: 'Rollback.Skipped',
    cause: 'After the failure, on-failure: rollback put nothing back, since it could not do so safely.',
    fix: "Look at the job template and its change orders in the SAE console: if it must hold its earlier settings again, re-run the last good deploy (or set them there); on-failure: rollback never overwrites another deploy's values.",
    inputs: ['on-failure'],
  },
  {
    code: 'Rollback.TemplateNotRead',
    cause:
      'on-failure: rollback needs the template as it was before the deploy, and DescribeJob could not read it, so nothing was sent.',
    fix: 'Re-run the step once SAE answers DescribeJob again (a gateway error that outlasted the retries, say), or set on-failure: keep to deploy without a way back.',
    inputs: ['on-failure'],
  },
  {
    code: 'Rollback.Failed',
    cause: 'After the failure, on-failure: rollback tried to put the template back and did not finish.',
    fix: "Look at the job template and the rollback's change order in the SAE console; if the template must hold its earlier settings, re-run the last good deploy or set them there (on-failure: rollback tries once per failure).",
    inputs: ['on-failure'],
  },
  {
    code: 'Rollback.Cancelled',
    cause: 'The run was cancelled while on-failure: rollback was putting the template back.',
    fix: "The rollback's change order may still be running in SAE: follow it in the console, then check that the template holds what you expect; a run left to finish lets on-failure: rollback prove what it put back.",
    inputs: ['on-failure'],
  },

  // ---- Family entry: any InvalidParameter.* not listed above ----
  {
    code: 'InvalidParameter',
    status: 400,
    cause: 'SAE rejected a parameter value as invalid.',
    fix: PARAM_FIX,
    inputs: [],
  },
];
