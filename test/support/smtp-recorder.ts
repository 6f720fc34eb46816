import { SMTPServer } from 'smtp-server';
import { freePort } from '../../src/dev/local-services.js';

export type ReceivedMail = { from: string; to: string[]; raw: string };

/** A real SMTP server on loopback that keeps every message it receives. */
export const startSmtpRecorder = async () => {
  const received: ReceivedMail[] = [];
  /** Recipients to refuse at RCPT TO with this reply code (550: no such mailbox, 451: try later). */
  const refuse = new Map<string, number>();
  /** Every RCPT TO the server was asked for, refused or not. */
  const rcptAttempts: string[] = [];
  const port = await freePort();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      rcptAttempts.push(address.address);
      const code = refuse.get(address.address);
      if (!code) return callback();
      const error = Object.assign(new Error(code >= 500 ? 'No such user here' : 'Try again later'), {
        responseCode: code,
      });
      callback(error);
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse,
    rcptAttempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
