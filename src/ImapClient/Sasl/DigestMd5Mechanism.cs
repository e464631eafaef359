using System.Buffers;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;

namespace ImapClient.Sasl;

/// <summary>The DIGEST-MD5 mechanism (RFC 2831), authentication only (qop=auth), with mutual authentication via rspauth.</summary>
internal sealed class DigestMd5Mechanism : SaslMechanism
{
    // Each exchange uses a fresh nonce, so the count is always the first use.
    private const string NonceCount = "00000001";
    private const string Qop = "auth";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _userName;
    private readonly string _host;
    private readonly string? _realm;
    private readonly string _cnonce;
    private string? _password;
    private byte[]? _expectedRspAuth;
    private Step _step;

    /// <summary>Creates the mechanism for the given credentials and server host name.</summary>
    /// <param name="userName">The authentication identity.</param>
    /// <param name="password">The password.</param>
    /// <param name="host">The server's host name, used in <c>digest-uri="imap/host"</c>.</param>
    /// <param name="realm">The realm to authenticate in; when null, the first non-empty realm the server offers.</param>
    public DigestMd5Mechanism(string userName, string password, string host, string? realm = null)
        : this(userName, password, host, realm, CreateCnonce())
    {
    }

    /// <summary>Lets tests fix the client nonce so published vectors can be reproduced.</summary>
    internal DigestMd5Mechanism(string userName, string password, string host, string? realm, string cnonce)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentException.ThrowIfNullOrEmpty(cnonce);
        _userName = userName;
        _password = password;
        _host = host;
        _realm = realm;
        _cnonce = cnonce;
    }

    private enum Step
    {
        AwaitingChallenge,
        AwaitingRspAuth,
        Completed,
        Failed,
    }

    /// <inheritdoc/>
    public override string Name => "DIGEST-MD5";

    /// <inheritdoc/>
    public override byte[] Respond(ReadOnlySpan<byte> challenge)
    {
        ThrowIfCompleted();
        if (_step == Step.Failed)
        {
            throw new InvalidOperationException("The DIGEST-MD5 exchange has already failed; start a new one.");
        }

        try
        {
            if (_step == Step.AwaitingChallenge)
            {
                var response = AnswerChallenge(challenge);
                _step = Step.AwaitingRspAuth;
                return response;
            }

            VerifyRspAuth(challenge);
            _step = Step.Completed;
            IsCompleted = true;
            return [];
        }
        catch
        {
            // A half-finished exchange cannot be resumed, and the password is no longer needed.
            _step = Step.Failed;
            _password = null;
            throw;
        }
    }

    private byte[] AnswerChallenge(ReadOnlySpan<byte> challengeBytes)
    {
        var challenge = DigestMd5Challenge.Parse(challengeBytes);

        // Dovecot sends realm="" to mean "no realm"; treating it as a value would still hash the same, but
        // RFC 2831 lets us omit the directive, which is what servers offering an empty realm expect.
        var realm = _realm ?? challenge.Realms.FirstOrDefault(r => r.Length > 0) ?? string.Empty;
        var digestUri = "imap/" + _host;

        // Without charset=utf-8 everything is ISO-8859-1 on the wire; text that cannot be represented falls back
        // to UTF-8 bytes, which a server treating the field as opaque Latin-1 octets hashes identically.
        Func<string, byte[]> wire = challenge.IsUtf8 ? StrictUtf8.GetBytes : EncodeLatin1OrUtf8;
        var nonce = wire(challenge.Nonce);
        var cnonce = wire(_cnonce);

        var ha1Hex = ComputeHa1Hex(realm, nonce, cnonce);
        try
        {
            var response = ComputeResponse(ha1Hex, nonce, cnonce, "AUTHENTICATE:" + digestUri, wire);
            _expectedRspAuth = Convert.FromHexString(ComputeResponse(ha1Hex, nonce, cnonce, ":" + digestUri, wire));

            var output = new ArrayBufferWriter<byte>();
            WriteQuoted(output, "username", _userName, wire);
            if (realm.Length > 0)
            {
                WriteQuoted(output, ",realm", realm, wire);
            }

            WriteQuoted(output, ",nonce", challenge.Nonce, wire);
            WriteQuoted(output, ",cnonce", _cnonce, wire);
            WriteAscii(output, ",nc=" + NonceCount + ",qop=" + Qop);
            WriteQuoted(output, ",digest-uri", digestUri, wire);
            WriteAscii(output, ",response=" + response);
            if (challenge.IsUtf8)
            {
                WriteAscii(output, ",charset=utf-8");
            }

            return output.WrittenSpan.ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ha1Hex);
        }
    }

    // HEX(H(A1)) with A1 = { H({ username, ":", realm, ":", passwd }), ":", nonce, ":", cnonce }.
    // Note the inner hash is the raw 16 octets, not hex; the whole buffer is wiped since it derives from the password.
    private byte[] ComputeHa1Hex(string realm, byte[] nonce, byte[] cnonce)
    {
        var user = EncodeLatin1OrUtf8(_userName);
        var realmBytes = EncodeLatin1OrUtf8(realm);
        var password = EncodeLatin1OrUtf8(_password!);
        _password = null;

        var secret = new byte[user.Length + 1 + realmBytes.Length + 1 + password.Length];
        byte[]? userRealmPassHash = null;
        byte[]? a1 = null;
        try
        {
            var span = secret.AsSpan();
            Append(ref span, user);
            Append(ref span, ":"u8);
            Append(ref span, realmBytes);
            Append(ref span, ":"u8);
            Append(ref span, password);
            userRealmPassHash = SaslCrypto.Md5(secret);

            a1 = new byte[SaslCrypto.Md5Length + 1 + nonce.Length + 1 + cnonce.Length];
            span = a1.AsSpan();
            Append(ref span, userRealmPassHash);
            Append(ref span, ":"u8);
            Append(ref span, nonce);
            Append(ref span, ":"u8);
            Append(ref span, cnonce);
            var ha1 = SaslCrypto.Md5(a1);
            var hex = Encoding.ASCII.GetBytes(SaslCrypto.ToLowerHex(ha1));
            CryptographicOperations.ZeroMemory(ha1);
            return hex;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(userRealmPassHash);
            CryptographicOperations.ZeroMemory(a1);
        }
    }

    // HEX(KD(HEX(H(A1)), { nonce, ":", nc, ":", cnonce, ":", qop, ":", HEX(H(A2)) })), where KD(k, s) = H({ k, ":", s }).
    // The client response uses A2 = "AUTHENTICATE:" + digest-uri and the server's rspauth uses A2 = ":" + digest-uri.
    private static string ComputeResponse(byte[] ha1Hex, byte[] nonce, byte[] cnonce, string a2, Func<string, byte[]> wire)
    {
        var a2Hex = Encoding.ASCII.GetBytes(SaslCrypto.ToLowerHex(SaslCrypto.Md5(wire(a2))));
        var nc = Encoding.ASCII.GetBytes(NonceCount);
        var qop = Encoding.ASCII.GetBytes(Qop);

        var kd = new byte[ha1Hex.Length + 1 + nonce.Length + 1 + nc.Length + 1 + cnonce.Length + 1 + qop.Length + 1 + a2Hex.Length];
        try
        {
            var span = kd.AsSpan();
            Append(ref span, ha1Hex);
            Append(ref span, ":"u8);
            Append(ref span, nonce);
            Append(ref span, ":"u8);
            Append(ref span, nc);
            Append(ref span, ":"u8);
            Append(ref span, cnonce);
            Append(ref span, ":"u8);
            Append(ref span, qop);
            Append(ref span, ":"u8);
            Append(ref span, a2Hex);
            return SaslCrypto.ToLowerHex(SaslCrypto.Md5(kd));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kd);
        }
    }

    private void VerifyRspAuth(ReadOnlySpan<byte> challenge)
    {
        string? rspauth = null;
        foreach (var (key, value) in DigestMd5Challenge.ParseDirectives(Encoding.Latin1.GetString(challenge)))
        {
            if (string.Equals(key, "rspauth", StringComparison.OrdinalIgnoreCase))
            {
                if (rspauth is not null)
                {
                    throw new AuthenticationException("The server's DIGEST-MD5 reply contains more than one rspauth.");
                }

                rspauth = value;
            }
        }

        if (rspauth is null)
        {
            throw new AuthenticationException(
                "The server's DIGEST-MD5 reply has no rspauth: the server did not prove it knows the password.");
        }

        byte[] received;
        try
        {
            received = Convert.FromHexString(rspauth);
        }
        catch (FormatException)
        {
            received = [];
        }

        if (!CryptographicOperations.FixedTimeEquals(received, _expectedRspAuth))
        {
            throw new AuthenticationException(
                "The server's DIGEST-MD5 rspauth did not match: the server could not prove it knows the password.");
        }
    }

    // RFC 2831 section 2.1.2.1: with charset=utf-8, a string whose characters all lie in ISO-8859-1 must be
    // converted to ISO-8859-1 before hashing, so hashed-password databases can be shared with HTTP Digest.
    // "all the characters of either username-value or passwd" is applied to each string on its own, as in
    // the RFC's section 8 sample code and Cyrus SASL, not to the three strings jointly.
    private static byte[] EncodeLatin1OrUtf8(string value)
    {
        foreach (var c in value)
        {
            if (c > '\u00FF')
            {
                return StrictUtf8.GetBytes(value);
            }
        }

        return Encoding.Latin1.GetBytes(value);
    }

    private static void WriteQuoted(ArrayBufferWriter<byte> output, string keyWithSeparator, string value, Func<string, byte[]> wire)
    {
        WriteAscii(output, keyWithSeparator + "=\"");
        output.Write(wire(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)));
        WriteAscii(output, "\"");
    }

    private static void WriteAscii(ArrayBufferWriter<byte> output, string text) => output.Write(Encoding.ASCII.GetBytes(text));

    private static void Append(ref Span<byte> destination, ReadOnlySpan<byte> source)
    {
        source.CopyTo(destination);
        destination = destination[source.Length..];
    }

    private static string CreateCnonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
}
