using System.Globalization;
using System.Security.Authentication;
using System.Text;

namespace ImapClient.Sasl;

/// <summary>A parsed and validated DIGEST-MD5 <c>digest-challenge</c> (RFC 2831 section 2.1.1).</summary>
internal sealed class DigestMd5Challenge
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private DigestMd5Challenge(
        IReadOnlyList<string> realms, string nonce, IReadOnlyList<string> qopOptions, bool isUtf8,
        string algorithm, int? maxBuffer, IReadOnlyList<string> ciphers, bool stale)
    {
        Realms = realms;
        Nonce = nonce;
        QopOptions = qopOptions;
        IsUtf8 = isUtf8;
        Algorithm = algorithm;
        MaxBuffer = maxBuffer;
        Ciphers = ciphers;
        Stale = stale;
    }

    /// <summary>Every <c>realm</c> directive in order of appearance, including empty ones.</summary>
    public IReadOnlyList<string> Realms { get; }

    /// <summary>The server nonce, unquoted.</summary>
    public string Nonce { get; }

    /// <summary>The offered quality-of-protection values; <c>auth</c> alone when the directive is absent.</summary>
    public IReadOnlyList<string> QopOptions { get; }

    /// <summary>Whether the server sent <c>charset=utf-8</c>.</summary>
    public bool IsUtf8 { get; }

    /// <summary>The <c>algorithm</c> directive; always <c>md5-sess</c> once validated.</summary>
    public string Algorithm { get; }

    /// <summary>The server's <c>maxbuf</c>, when present and numeric.</summary>
    public int? MaxBuffer { get; }

    /// <summary>The offered <c>cipher</c> values (only meaningful for qop=auth-conf, which this client does not use).</summary>
    public IReadOnlyList<string> Ciphers { get; }

    /// <summary>Whether the server flagged the previous nonce as stale.</summary>
    public bool Stale { get; }

    /// <summary>Parses and validates a decoded server challenge.</summary>
    /// <exception cref="AuthenticationException">The challenge is malformed or asks for something this client cannot do.</exception>
    public static DigestMd5Challenge Parse(ReadOnlySpan<byte> challenge)
    {
        // Latin-1 maps every byte to one char, so the syntax (all ASCII) can be parsed before the charset is
        // known, and the original bytes of each value can be recovered afterwards.
        var directives = ParseDirectives(Encoding.Latin1.GetString(challenge));

        var realms = new List<string>();
        string? nonce = null, qop = null, charset = null, algorithm = null, maxbuf = null, cipher = null, stale = null;
        foreach (var (key, value) in directives)
        {
#pragma warning disable CA1308 // RFC 2831 writes its directive names in lower case; the cases below are those names.
            switch (key.ToLowerInvariant())
#pragma warning restore CA1308
            {
                case "realm":
                    realms.Add(value);
                    break;
                case "nonce":
                    SetOnce(ref nonce, key, value);
                    break;
                case "qop":
                    SetOnce(ref qop, key, value);
                    break;
                case "charset":
                    SetOnce(ref charset, key, value);
                    break;
                case "algorithm":
                    SetOnce(ref algorithm, key, value);
                    break;
                case "maxbuf":
                    SetOnce(ref maxbuf, key, value);
                    break;
                case "cipher":
                    SetOnce(ref cipher, key, value);
                    break;
                case "stale":
                    SetOnce(ref stale, key, value);
                    break;
                default:
                    // RFC 2831 says unrecognised directives (auth-param) must be ignored.
                    break;
            }
        }

        if (string.IsNullOrEmpty(nonce))
        {
            throw new AuthenticationException("The server's DIGEST-MD5 challenge has no nonce.");
        }

        if (!string.Equals(algorithm, "md5-sess", StringComparison.OrdinalIgnoreCase))
        {
            throw new AuthenticationException(
                algorithm is null
                    ? "The server's DIGEST-MD5 challenge has no algorithm directive; RFC 2831 requires algorithm=md5-sess."
                    : $"The server's DIGEST-MD5 challenge asks for algorithm={algorithm}; only md5-sess is defined by RFC 2831.");
        }

        // An absent qop directive means "auth" only (RFC 2831 section 2.1.1).
        var qopOptions = qop is null ? ["auth"] : SplitList(qop);
        if (!qopOptions.Contains("auth", StringComparer.OrdinalIgnoreCase))
        {
            throw new AuthenticationException(
                $"The server's DIGEST-MD5 challenge does not offer qop=auth (it offers \"{string.Join(",", qopOptions)}\"); "
                + "this client does not support DIGEST-MD5 integrity or confidentiality layers.");
        }

        var isUtf8 = string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase);
        if (isUtf8)
        {
            for (var i = 0; i < realms.Count; i++)
            {
                realms[i] = DecodeUtf8(realms[i]);
            }

            nonce = DecodeUtf8(nonce);
        }

        int? maxBuffer = int.TryParse(maxbuf, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        return new DigestMd5Challenge(
            realms, nonce, qopOptions, isUtf8, algorithm!, maxBuffer,
            cipher is null ? [] : SplitList(cipher),
            string.Equals(stale, "true", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Splits RFC 2831 directive syntax (<c>1#( token "=" ( token | quoted-string ) )</c>, with the HTTP
    /// "#rule" allowing empty elements and linear whitespace around commas) into unquoted key/value pairs.
    /// </summary>
    /// <exception cref="AuthenticationException">The text is not valid directive syntax.</exception>
    internal static List<KeyValuePair<string, string>> ParseDirectives(string text)
    {
        var result = new List<KeyValuePair<string, string>>();
        var i = 0;
        while (true)
        {
            SkipWhitespace(text, ref i);
            if (i == text.Length)
            {
                return result;
            }

            if (text[i] == ',')
            {
                i++;
                continue;
            }

            var keyStart = i;
            while (i < text.Length && !IsWhitespace(text[i]) && text[i] is not ('=' or ',' or '"'))
            {
                i++;
            }

            if (i == keyStart)
            {
                throw Malformed($"expected a directive name at offset {i}");
            }

            var key = text[keyStart..i];
            SkipWhitespace(text, ref i);
            if (i == text.Length || text[i] != '=')
            {
                throw Malformed($"directive \"{key}\" has no value");
            }

            i++;
            SkipWhitespace(text, ref i);

            string value;
            if (i < text.Length && text[i] == '"')
            {
                i++;
                var builder = new StringBuilder();
                while (true)
                {
                    if (i == text.Length)
                    {
                        throw Malformed($"the quoted value of \"{key}\" is not terminated");
                    }

                    var c = text[i++];
                    if (c == '"')
                    {
                        break;
                    }

                    if (c == '\\')
                    {
                        if (i == text.Length)
                        {
                            throw Malformed($"the quoted value of \"{key}\" ends in a lone backslash");
                        }

                        c = text[i++];
                    }

                    builder.Append(c);
                }

                value = builder.ToString();
            }
            else
            {
                var valueStart = i;
                while (i < text.Length && !IsWhitespace(text[i]) && text[i] is not (',' or '"'))
                {
                    i++;
                }

                value = text[valueStart..i];
            }

            SkipWhitespace(text, ref i);
            if (i < text.Length && text[i] != ',')
            {
                throw Malformed($"unexpected character after the value of \"{key}\" at offset {i}");
            }

            result.Add(new KeyValuePair<string, string>(key, value));
        }
    }

    private static void SetOnce(ref string? slot, string key, string value)
    {
        // RFC 2831 tells the client to abort when a single-valued directive is repeated.
        if (slot is not null)
        {
            throw Malformed($"directive \"{key}\" appears more than once");
        }

        slot = value;
    }

    private static List<string> SplitList(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string DecodeUtf8(string latin1View)
    {
        try
        {
            return StrictUtf8.GetString(Encoding.Latin1.GetBytes(latin1View));
        }
        catch (DecoderFallbackException ex)
        {
            throw new AuthenticationException("The server's DIGEST-MD5 challenge declares charset=utf-8 but is not valid UTF-8.", ex);
        }
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static void SkipWhitespace(string text, ref int i)
    {
        while (i < text.Length && IsWhitespace(text[i]))
        {
            i++;
        }
    }

    private static AuthenticationException Malformed(string detail) =>
        new($"The server's DIGEST-MD5 challenge is malformed: {detail}.");
}
