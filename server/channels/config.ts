import type { ChannelSecrets } from './provider';

/** The providers' secrets from the environment, read once at start-up; an empty variable counts as unset. */
export function channelSecretsFromEnv(env: NodeJS.ProcessEnv = process.env): ChannelSecrets {
  const read = (name: string) => env[name] || undefined;
  const publicUrl = read('CAREDESK_PUBLIC_URL');
  // Twilio signs the URL it calls: a wrong one refuses every delivery, so it is refused at start-up.
  if (publicUrl !== undefined && !/^https?:\/\//.test(publicUrl))
    throw new Error(`CAREDESK_PUBLIC_URL must be the http(s) address providers call, got "${publicUrl}".`);
  return {
    publicUrl,
    twilioAuthToken: read('TWILIO_AUTH_TOKEN'),
    metaAppSecret: read('META_APP_SECRET'),
    metaVerifyToken: read('META_VERIFY_TOKEN'),
    xConsumerSecret: read('X_CONSUMER_SECRET'),
    postmarkUser: read('POSTMARK_INBOUND_USER'),
    postmarkPassword: read('POSTMARK_INBOUND_PASSWORD'),
    sendgridUser: read('SENDGRID_INBOUND_USER'),
    sendgridPassword: read('SENDGRID_INBOUND_PASSWORD'),
  };
}
