// pop-core ships typings for its RPC client only; this declares the part of ROAClient the action uses.
declare module '@alicloud/pop-core' {
  import type { Agent } from 'node:http';

  interface Credentials {
    accessKeyId: string;
    accessKeySecret: string;
    securityToken?: string;
  }
  interface HttpOptions {
    timeout?: number;
    readTimeout?: number;
    connectTimeout?: number;
    agent?: Agent;
    rawBody?: boolean;
  }
  interface ROAConfig {
    endpoint: string;
    apiVersion: string;
    accessKeyId?: string;
    accessKeySecret?: string;
    securityToken?: string;
    credentialsProvider?: { getCredentials(): Promise<Credentials> };
    opts?: HttpOptions;
  }
  class RPCClient {}
  namespace RPCClient {
    class ROAClient {
      constructor(config: ROAConfig);
      request(
        method: string,
        path: string,
        query?: Record<string, string>,
        body?: string,
        headers?: Record<string, string>,
        opts?: HttpOptions,
      ): Promise<unknown>;
    }
  }
  export = RPCClient;
}
