// UpdateJob's 47 wire parameters and where the official SDK puts them (docs/reference/sae-api.md §2.2, §2.4).

/** The 8 form-body parameters. */
export const UPDATE_JOB_BODY = [
  'AcrInstanceId',
  'ConfigMapMountDesc',
  'EnableImageAccl',
  'OssAkId',
  'OssAkSecret',
  'OssMountDescs',
  'Php',
  'PhpConfig',
] as const;

/** The 39 query parameters. */
export const UPDATE_JOB_QUERY = [
  'AcrAssumeRoleArn',
  'AppId',
  'BackoffLimit',
  'BestEffortType',
  'Command',
  'CommandArgs',
  'ConcurrencyPolicy',
  'CustomHostAlias',
  'EdasContainerVersion',
  'Envs',
  'ImagePullSecrets',
  'ImageUrl',
  'JarStartArgs',
  'JarStartOptions',
  'Jdk',
  'MountDesc',
  'MountHost',
  'NasConfigs',
  'NasId',
  'PackageUrl',
  'PackageVersion',
  'PhpConfigLocation',
  'PostStart',
  'PreStop',
  'ProgrammingLanguage',
  'Python',
  'PythonModules',
  'RefAppId',
  'Replicas',
  'Slice',
  'SliceEnvs',
  'SlsConfigs',
  'TerminationGracePeriodSeconds',
  'Timeout',
  'Timezone',
  'TomcatConfig',
  'TriggerConfig',
  'WarStartOptions',
  'WebContainer',
] as const;

export const BOOLEAN_PARAMS = ['EnableImageAccl', 'Slice'];
export const INTEGER_PARAMS = ['BackoffLimit', 'Replicas', 'TerminationGracePeriodSeconds', 'Timeout'];
export const JSON_PARAMS = [
  'CommandArgs',
  'ConfigMapMountDesc',
  'CustomHostAlias',
  'Envs',
  'MountDesc',
  'NasConfigs',
  'OssMountDescs',
  'PostStart',
  'PreStop',
  'SliceEnvs',
  'SlsConfigs',
  'TomcatConfig',
  'TriggerConfig',
];

export const JDKS = [
  'Open JDK 8',
  'Open JDK 7',
  'Dragonwell 11',
  'Dragonwell 8',
  'openjdk-8u191-jdk-alpine3.9',
  'openjdk-7u201-jdk-alpine3.9',
];
export const WEB_CONTAINERS = ['apache-tomcat-7.0.91', 'apache-tomcat-8.5.42'];
