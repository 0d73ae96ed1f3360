// SAE error codes with the seed's exact English messages (UpdateJob page, error table), plus the
// gateway (POP) codes used for signature and routing failures.

/** An error the emulator answers with; `gateway` selects the POP gateway body shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly gateway = false,
  ) {
    super(message);
  }
}

/** code → [HTTP status, message with %s placeholders]. From the seed unless marked. */
const SAE: Record<string, [number, string]> = {
  'Application.MissingJdk': [400, 'Your application must at least contain a JDK component.'],
  'InvalidApplication.NotFound': [400, 'The current application does not exist.'],
  'InvalidComponent.NotFound': [
    400,
    'The current component (such as JDK, Tomcat, or EDASWebContainer) does not exist.',
  ],
  'InvalidHostnameIp.Invalid': [400, 'The hostname and/or IP is invalid: Hostname [%s], IP [%s].'],
  'InvalidInstanceSpecification.Unsupported': [
    400,
    'The instance specification is not supported: CPU [%s], memory [%s].',
  ],
  'InvalidPackageType.NotFound': [400, 'The package type must be War, FatJar, or Image.'],
  'InvalidParameter.FileName': [
    400,
    'The application deployment package name is invalid. This name can contain only alphanumeric characters, hyphens (-), and underscores (_). In addition, you can upload JAR files only if the selected deployment version supports JAR file. Otherwise, upload WAR files only.',
  ],
  'InvalidParameter.NotEmpty': [400, 'You must specify the parameter %s.'],
  'InvalidParameter.Obviously': [400, 'The specified parameter is invalid {%s}.'],
  'InvalidParameter.WithMessage': [400, 'The parameter is invalid {%s}: %s'],
  'JarApplication.MissingJdk': [400, 'A FatJar application must contain JDK.'],
  'NoComputeResourceQuota.Exceed': [
    400,
    'Your compute resource is insufficient. Please contact us to raise the quota.',
  ],
  'PandoraApplication.MissingJdk': [400, 'The Pandora application is missing a JDK component.'],
  'PandoraApplication.OnlyJdk': [400, 'A Pandora application only requires JDK component.'],
  'WarApplication.MissingJdkWebcontainer': [400, 'A War application must contain JDK and Tomcat.'],
  'LogService.ConfigQuotaExceed': [400, 'The maximum number of Log Service configs is exceeded.'],
  'LogService.InternalError': [
    400,
    'An exception occurred while calling Log Service. Please submit a ticket to solve the problem.',
  ],
  'LogService.LogDirInvalid': [400, 'The log collection path is invalid.'],
  'LogService.NotAvailable': [400, 'Log Service is unavailable. Please activate Log Service first.'],
  'LogService.ProjectNumQuotaExceed': [400, 'The maximum number of Log Service projects is exceeded.'],
  'user.indebt': [400, 'The user has an outstanding payment.'],
  'NoComputeResourceQuota.App.Exceed': [
    400,
    'You can create %s instances for each application. Please submit a ticket to raise the quota.',
  ],
  'NoComputeResourceQuota.User.Exceed': [
    400,
    'Your account is limited to create %s instances. Please submit a ticket to raise the quota.',
  ],
  'System.Upgrading': [400, 'The system is being upgraded. Please try again later.'],
  'VolumnPath.Conflict': [400, 'Conflict between log collection directory and persistent storage directory.'],
  'Application.ChangerOrderRunning': [400, 'An application change process is in progress. Please try again later.'],
  'Application.InvalidStatus': [400, 'The application status is abnormal. Please try again later.'],
  'MountConflict.ConfigMap': [400, 'Conflict detected for ConfigMap path %s.'],
  'NotFound.ConfigMap': [400, 'The ConfigMap object (ID: %s) does not exist.'],
  'NotFound.ConfigMapKey': [400, 'The key %s of ConfigMap object (ID: %s) does not exist.'],
  'Package.Version.Too.Long': [400, 'The maximum length of package version is exceeded.'],
  'App.Package.Version.Exists': [400, 'The package version of application already exists.'],
  'Slb.Occupied': [400, 'The SLB instance is occupied.'],
  'Slb.Tag.Not.Qualified': [400, 'The current SLB instance cannot be reused because it may have been occupied by %s.'],
  'MinReadyInstances.Not.Smaller.Replicas': [
    400,
    'The minimum number of available instances must be less than the number of application instances.',
  ],
  'BatchWaitTime.Not.Smaller.Zero': [400, 'BatchWaitTime must not be smaller than zero.'],
  'Sls.Config.Mixed.Multi.Project': [400, 'The specified Config contains multiple projects.'],
  'Sls.Config.User.Defined.Missing.Logstore.Info': [
    400,
    'The specified Config is invalid. Both Project and Logstore must be specified.',
  ],
  'Sls.Config.User.Defined.Missing.Project.Info': [
    400,
    'The specified Config is invalid. Both Project and Logstore must be specified.',
  ],
  'Sls.Logstore.Name.Invalid': [
    400,
    'The specified name of Logstore is invalid. The Logstore name must not contain the prefix "sae-".',
  ],
  'Sls.Logstore.User.Defined.Not.Exist': [400, 'The user defined Logstore does not exist.'],
  'Sls.Project.Name.Invalid': [
    400,
    'The specified project name is invalid. The project name must not contain the prefix "sae-".',
  ],
  'Sls.Project.User.Defined.Not.Exist': [400, 'The user defined project does not exist.'],
  'Sae.Errorcode.Ahas.Create.Error.Message': [400, 'Failed to create AHAS.'],
  'InvalidImageUrl.AcrInstanceId.Domain.NotMatch': [
    400,
    'The specified domain of ImageUrl does not match AcrInstanceId domains.',
  ],
  'PhpApplication.MissingPhpRuntime': [400, 'A PHP application must contain PHP Runtime.'],
  'InvalidNamespaceId.NotFound': [404, 'The specified NamespaceId does not exist.'],
  'InvalidAcrInstanceId.NotFound': [404, 'The specified AcrInstanceId does not exist.'],
  'Associate.Eip.Not.Enough': [404, 'No sufficient EIPs are available.'],
  // Other SAE pages (docs/reference/sae-api.md §8.3); wording not from the seed.
  'InvalidAppId.NotFound': [404, 'The specified AppId does not exist.'],
  'InvalidChangeOrder.NotFound': [400, 'The change order does not exist.'],
  'Resouce.no.permission': [400, 'You are not authorized to access the resource.'],
  // CreateJob with a name that is taken: SAE's code and words are not documented [U].
  'Application.AppNameExists': [400, 'An application with the same name already exists in the namespace.'],
};

/** Gateway codes (generic POP docs; statuses [U] for SAE). */
const GATEWAY: Record<string, [number, string]> = {
  IncompleteSignature: [400, 'The request signature does not conform to Aliyun standards.'],
  SignatureDoesNotMatch: [400, 'Specified signature is not matched with our calculation.'],
  'InvalidAccessKeyId.NotFound': [404, 'Specified access key is not found.'],
  'InvalidTimeStamp.Expired': [400, 'Specified time stamp or date value is expired.'],
  'InvalidTimeStamp.Format': [400, 'Specified time stamp or date value is not well formatted.'],
  SignatureNonceUsed: [400, 'Specified signature nonce was used already.'],
  InvalidSignatureMethod: [400, 'Specified signature method is not supported.'],
  ContentMD5NotMatched: [400, 'Specified content md5 is not matched with your request body.'],
  MissingSecurityToken: [400, 'SecurityToken is mandatory for this action.'],
  'InvalidSecurityToken.Malformed': [400, 'Specified SecurityToken is malformed.'],
  'InvalidSecurityToken.MismatchWithAccessKey': [400, 'Specified SecurityToken mismatch with the AccessKey.'],
  'InvalidApi.NotFound': [404, 'Specified api is not found, please check your url and method.'],
  InvalidVersion: [400, 'Specified parameter Version is not valid.'],
  Throttling: [400, 'Request was denied due to flow control.'],
  'Throttling.User': [400, 'Request was denied due to user flow control.'],
  'Throttling.Api': [400, 'Request was denied due to api flow control.'],
  ServiceUnavailable: [503, 'The request has failed due to a temporary failure of the server.'],
  InternalError: [500, 'The request processing has failed due to some unknown error, exception or failure.'],
};

function fill(template: string, args: string[]): string {
  let i = 0;
  return template.replace(/%s/g, () => args[i++] ?? '');
}

/** An SAE error with the seed's message, `%s` filled in order. */
export function saeError(code: string, ...args: string[]): ApiError {
  const [status, template] = SAE[code] ?? [400, code];
  return new ApiError(status, code, fill(template, args));
}

/** A gateway error; `detail` is appended to the standard message. */
export function gatewayError(code: string, detail?: string): ApiError {
  const [status, message] = GATEWAY[code] ?? [400, code];
  return new ApiError(status, code, detail ? `${message} ${detail}` : message, true);
}

export const isGatewayCode = (code: string): boolean => code in GATEWAY;

/** The catalogue message for a scripted error whose message was left out. */
export function defaultMessage(code: string): string {
  return (SAE[code] ?? GATEWAY[code])?.[1].replace(/%s/g, '?') ?? code;
}

/** Shorthands used by the validators. */
export const notEmpty = (name: string): ApiError => saeError('InvalidParameter.NotEmpty', name);
export const obviously = (name: string): ApiError => saeError('InvalidParameter.Obviously', name);
export const withMessage = (name: string, why: string): ApiError => saeError('InvalidParameter.WithMessage', name, why);
