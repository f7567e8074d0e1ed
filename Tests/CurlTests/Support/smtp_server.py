"""aiosmtpd server for CurlTests: prints "PORT <n>"; appends one JSON line per received mail to
the log file given with --log (envelope, EHLO name, TLS, authenticated login, decoded parts).
"""
import argparse
import asyncio
import base64
import email
import hmac
import json
import ssl
from email import policy

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword, MISSING

parser = argparse.ArgumentParser()
parser.add_argument("--log", required=True)
parser.add_argument("--cert")
parser.add_argument("--key")
parser.add_argument("--implicit-tls", action="store_true")
parser.add_argument("--user")
parser.add_argument("--password")
parser.add_argument("--secret", help="CRAM-MD5 secret")
parser.add_argument("--reject", action="append", default=[], help="recipient to refuse with 550")
args = parser.parse_args()


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in args.reject:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        parts = []
        for part in message.walk():
            if part.get_content_maintype() == "multipart":
                continue
            parts.append({"type": part.get_content_type(), "content": part.get_content()})
        auth = session.auth_data
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "helo": session.host_name,
            "tls": session.ssl is not None,
            "login": getattr(auth, "login", auth).decode() if auth else None,
            "authzid": getattr(session, "authzid", None),
            "content": base64.b64encode(envelope.original_content or envelope.content).decode(),
            "headers": [[k, str(v)] for k, v in message.items()],
            "parts": parts,
        }
        with open(args.log, "a") as f:
            f.write(json.dumps(record) + "\n")
        return "250 Message accepted"


class TestSMTP(SMTP):
    async def auth_PLAIN(self, _, arguments):
        if len(arguments) < 2:
            response = await self.challenge_auth("")
            if response is MISSING:
                return AuthResult(success=False)
        else:
            response = base64.b64decode(arguments[1])
        authzid, login, password = response.split(b"\x00")
        self.session.authzid = authzid.decode()
        return self._authenticate("PLAIN", LoginPassword(login, password))

    async def auth_CRAM__MD5(self, _, arguments):
        challenge = b"<1896.697170952@tocsin.test>"
        response = await self.challenge_auth(challenge)
        if response is MISSING:
            return AuthResult(success=False)
        login, digest = response.split(b" ", 1)
        expected = hmac.new((args.secret or "").encode(), challenge, "md5").hexdigest().encode()
        ok = args.secret is not None and login.decode() == args.user and hmac.compare_digest(digest, expected)
        return AuthResult(success=ok, handled=False, auth_data=login)


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login.decode() == args.user
        and auth_data.password.decode() == args.password
    )
    return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


def main():
    context = None
    if args.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
    exclude = [] if args.secret else ["CRAM-MD5"]

    def factory():
        return TestSMTP(
            Handler(),
            hostname="tocsin.test",
            tls_context=None if args.implicit_tls else context,
            authenticator=authenticator if args.user else None,
            auth_require_tls=False,
            auth_exclude_mechanism=exclude,
        )

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        loop.create_server(factory, "127.0.0.1", 0, ssl=context if args.implicit_tls else None)
    )
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    loop.run_forever()


main()
