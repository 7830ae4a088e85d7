// One alert as each webhook format wants it: the request (URL, headers, body) and whether the
// service's answer means it took the message. Signatures are made at send time, from the clock
// the delivery is given, because Feishu and DingTalk refuse a timestamp older than an hour and a
// retry may come minutes after the event.
//
// The services' public documentation, which these follow:
// - Slack incoming webhooks: POST JSON `{ text, blocks? }`; `text` is the notification fallback.
//   https://api.slack.com/messaging/webhooks
// - Feishu custom bot: `{ timestamp, sign, msg_type: "text", content: { text } }`; timestamp in
//   seconds, sign = base64(HMAC-SHA256 keyed with `timestamp + "\n" + secret` over an empty
//   message); the answer is `{ code: 0 }` when taken (19021: signature refused).
//   https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot
// - DingTalk custom robot (加签): `&timestamp=<ms>&sign=<urlencoded base64(HMAC-SHA256(key=secret,
//   msg=timestamp + "\n" + secret))>` appended to the URL; body `{ msgtype: "text", text: { content } }`;
//   the answer is `{ errcode: 0 }`. https://open.dingtalk.com/document/orgapp/customize-robot-security-settings
// - WeCom group robot: `{ msgtype: "text", text: { content } }`, content at most 2048 UTF-8 bytes, no
//   signing (the key in the URL is the secret); the answer is `{ errcode: 0 }`.
//   https://developer.work.weixin.qq.com/document/path/91770
// - json: this console's own schema (event.ts), signed in `X-DCS-Console-Signature: t=<unix s>,v1=<hex
//   HMAC-SHA256(secret, "<t>.<body>")>`, the scheme of Stripe's webhooks.
import { createHmac } from 'node:crypto';
import type { AlertWebhook } from '../config';
import type { AlertEvent } from './event';

export const SIGNATURE_HEADER = 'x-dcs-console-signature';
export const EVENT_HEADER = 'x-dcs-console-event';
export const DELIVERY_HEADER = 'x-dcs-console-delivery';
const USER_AGENT = 'dcs-migration-console';
const TITLE = 'DCS Migration Console';
const WECOM_MAX_BYTES = 2048;
const TEXT_MAX_CHARS = 3000;

export interface AlertRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export function renderAlert(webhook: AlertWebhook, event: AlertEvent, nowMs: number): AlertRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'user-agent': USER_AGENT };
  const post = (body: unknown, url: string = webhook.url.href): AlertRequest => ({ url, headers, body: JSON.stringify(body) });
  const secret = webhook.secret;
  switch (webhook.format) {
    case 'json': {
      const body = JSON.stringify(event);
      headers[EVENT_HEADER] = event.event;
      headers[DELIVERY_HEADER] = event.id;
      if (secret) headers[SIGNATURE_HEADER] = jsonSignature(secret, body, nowMs);
      return { url: webhook.url.href, headers, body };
    }
    case 'slack': {
      const text = chatText(event, escapeSlack);
      return post({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
    }
    case 'feishu': {
      const content = { msg_type: 'text', content: { text: chatText(event) } };
      if (!secret) return post(content);
      const timestamp = String(Math.floor(nowMs / 1000));
      return post({ timestamp, sign: feishuSign(secret, timestamp), ...content });
    }
    case 'dingtalk': {
      const body = { msgtype: 'text', text: { content: chatText(event) } };
      if (!secret) return post(body);
      const url = new URL(webhook.url);
      const timestamp = String(nowMs);
      url.searchParams.append('timestamp', timestamp);
      url.searchParams.append('sign', dingtalkSign(secret, timestamp)); // searchParams URL-encodes it
      return post(body, url.href);
    }
    case 'wecom':
      return post({ msgtype: 'text', text: { content: truncateBytes(chatText(event), WECOM_MAX_BYTES) } });
  }
}

/** `t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
export function jsonSignature(secret: string, body: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

export function feishuSign(secret: string, timestampS: string): string {
  return createHmac('sha256', `${timestampS}\n${secret}`).update('').digest('base64');
}

/** Before URL encoding. */
export function dingtalkSign(secret: string, timestampMs: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/**
 * Why an answer of 2xx still means the message was not taken (Feishu's `code`, DingTalk's and
 * WeCom's `errcode`), or null. Such refusals (a signature, a rate limit) are retried like a 5xx.
 */
export function refusalIn(webhook: AlertWebhook, body: string): string | null {
  if (webhook.format === 'json' || webhook.format === 'slack') return null;
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return null;
  }
  const code = webhook.format === 'feishu' ? (answer.code ?? answer.StatusCode) : answer.errcode;
  if (code === undefined || code === 0) return null;
  return `${webhook.format} answered code ${typeof code === 'number' || typeof code === 'string' ? String(code).slice(0, 20) : '?'}`;
}

/** The chat formats' text: the summary, then target, task, status, reason and link, one a line. */
export function chatText(event: AlertEvent, escape: (text: string) => string = (text) => text): string {
  const lines = [
    `[${TITLE}] ${event.summary}`,
    `Target: ${event.target} · Task: ${event.task_name ? `${event.task_name} (${event.task_id})` : event.task_id}`,
    event.status ? `Status: ${event.status}` : null,
    event.reason ? `Reason: ${event.reason}` : null,
    event.link,
  ];
  const text = lines.filter((line): line is string => line !== null).map(escape).join('\n');
  return text.length > TEXT_MAX_CHARS ? `${text.slice(0, TEXT_MAX_CHARS - 1)}…` : text;
}

/** Slack's mrkdwn treats &, < and > as markup (https://api.slack.com/reference/surfaces/formatting#escaping). */
function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** At most `maxBytes` of UTF-8, cut between code points, an ellipsis (3 bytes) marking the cut. */
function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let kept = '';
  let bytes = 0;
  for (const char of text) {
    bytes += Buffer.byteLength(char);
    if (bytes > maxBytes - 3) break;
    kept += char;
  }
  return `${kept}…`;
}
