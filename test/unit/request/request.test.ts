import { describe, expect, it } from 'vitest';
import { PARAMETER_BY_INPUT } from '../../../src/contract/parameters.js';
import { readParameters } from '../../../src/inputs/read.js';
import { buildRequest, formBody, redactedParameters } from '../../../src/request/build.js';

const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('request building', () => {
  it('splits query and body as the SDK does, every value as text, structured values as compact JSON', async () => {
    const read = await readParameters(
      inputs({
        'app-id': '7171a6ca-d1cd-4928-8642-7d5cfe690001',
        replicas: '3',
        slice: 'true',
        'enable-image-accl': 'false',
        php: 'PHP-FPM 7.0',
        envs: 'A: 1\nB: two',
        'oss-ak-id': 'id',
        'oss-ak-secret': 's3cret',
        'trigger-config': '{ "type": "time", "config": "0 1 */1 * ?", "timezone": "GMT+8:00" }',
      }),
    );
    expect(read.problems).toEqual([]);
    const r = buildRequest(read.values.values(), read.cleared);
    expect(r.query).toEqual({
      AppId: '7171a6ca-d1cd-4928-8642-7d5cfe690001',
      Envs: '[{"name":"A","value":"1"},{"name":"B","value":"two"}]',
      Replicas: '3',
      Slice: 'true',
      TriggerConfig: '{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}',
    });
    expect(r.body).toEqual({ EnableImageAccl: 'false', OssAkId: 'id', OssAkSecret: 's3cret', Php: 'PHP-FPM 7.0' });
    for (const v of [...Object.values(r.query), ...Object.values(r.body)]) expect(typeof v).toBe('string');
  });

  it('leaves empty inputs out entirely and sends "" for cleared ones', async () => {
    const read = await readParameters(
      inputs({ 'app-id': '7171a6ca-d1cd-4928-8642-7d5cfe690001', clear: 'sls-configs, nas-id\nconfig-map-mount-desc' }),
    );
    const r = buildRequest(read.values.values(), read.cleared);
    expect(r.query).toEqual({ AppId: '7171a6ca-d1cd-4928-8642-7d5cfe690001', NasId: '', SlsConfigs: '' });
    expect(r.body).toEqual({ ConfigMapMountDesc: '' });
  });

  it('encodes the form as the SDK does and redacts secrets', () => {
    const r = buildRequest([
      { param: PARAMETER_BY_INPUT.get('oss-ak-secret')!, value: 'a b&c', wire: 'a b&c' },
      { param: PARAMETER_BY_INPUT.get('php-config')!, value: 'k=v\nx=*', wire: 'k=v\nx=*' },
    ]);
    expect(formBody(r.body)).toBe('OssAkSecret=a%20b%26c&PhpConfig=k%3Dv%0Ax%3D*');
    expect(redactedParameters(r)).toEqual({ OssAkSecret: '***', PhpConfig: 'k=v\nx=*' });
  });
});
