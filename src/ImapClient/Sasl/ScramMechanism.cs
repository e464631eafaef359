using System.Globalization;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;

namespace ImapClient.Sasl;

/// <summary>The SCRAM-SHA-1 (RFC 5802) and SCRAM-SHA-256 (RFC 7677) mechanisms, without channel binding, with mutual authentication.</summary>
internal sealed class ScramMechanism : SaslMechanism
{
    // Hi costs one HMAC per iteration; a server (or anyone in the path of a connection without TLS) could otherwise
    // stall the client with a huge count. Real deployments use thousands to a few hundred thousand.
    private const int MaxIterations = 10_000_000;

    // The server-first message is hashed into AuthMessage as the server sent it; strict decoding guarantees that
    // re-encoding the parsed text gives back exactly those bytes.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly SaslHashAlgorithm _algorithm;
    private readonly string _gs2Header;
    private readonly string _clientFirstBare;
    private readonly string _clientNonce;
    private string? _password;
    private byte[]? _expectedServerSignature;
    private Step _step;

    /// <summary>Creates the mechanism for the given credentials.</summary>
    /// <param name="algorithm">The hash: <see cref="SaslHashAlgorithm.Sha1"/> for SCRAM-SHA-1, <see cref="SaslHashAlgorithm.Sha256"/> for SCRAM-SHA-256.</param>
    /// <param name="userName">The authentication identity; SASLprep-ed as a query.</param>
    /// <param name="password">The password; SASLprep-ed as a stored string.</param>
    /// <param name="authorizationId">The identity to act as; null or empty to act as <paramref name="userName"/>.</param>
    /// <exception cref="ArgumentException">The user name is empty, or a value is not valid SASLprep input.</exception>
    /// <exception cref="PlatformNotSupportedException">A value is not ASCII and the process has no Unicode normalization data.</exception>
    public ScramMechanism(SaslHashAlgorithm algorithm, string userName, string password, string? authorizationId = null)
        : this(algorithm, userName, password, authorizationId, CreateClientNonce())
    {
    }

    /// <summary>Lets tests fix the client nonce so published vectors can be reproduced.</summary>
    internal ScramMechanism(SaslHashAlgorithm algorithm, string userName, string password, string? authorizationId, string clientNonce)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentException.ThrowIfNullOrEmpty(clientNonce);
        if (!Enum.IsDefined(algorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown SCRAM hash algorithm.");
        }

        if (!IsPrintable(clientNonce))
        {
            throw new ArgumentException("A SCRAM nonce consists of printable ASCII characters other than ','.", nameof(clientNonce));
        }

        // RFC 5802 section 5.1: the user name is prepared as a query (unassigned code points allowed), and the
        // client aborts when that fails or leaves nothing.
        var preparedUserName = SaslPrep.Prepare(userName, allowUnassigned: true);
        if (preparedUserName.Length == 0)
        {
            throw new ArgumentException("The SCRAM user name is empty after SASLprep.", nameof(userName));
        }

        _algorithm = algorithm;
        _password = SaslPrep.Prepare(password);
        _gs2Header = Gs2Header.Create(authorizationId);
        _clientNonce = clientNonce;
        _clientFirstBare = "n=" + Gs2Header.EscapeSaslName(preparedUserName) + ",r=" + clientNonce;
    }

    private enum Step
    {
        Initial,
        AwaitingServerFirst,
        AwaitingServerFinal,
        Completed,
        Failed,
    }

    /// <inheritdoc/>
    public override string Name => _algorithm == SaslHashAlgorithm.Sha1 ? SaslMechanismNames.ScramSha1 : SaslMechanismNames.ScramSha256;

    /// <inheritdoc/>
    public override bool SupportsInitialResponse => true;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The client-first message was already sent.</exception>
    public override byte[] GetInitialResponse()
    {
        if (_step != Step.Initial)
        {
            throw new InvalidOperationException($"The {Name} client-first message was already sent; start a new exchange.");
        }

        return SendClientFirst();
    }

    /// <inheritdoc/>
    public override byte[] Respond(ReadOnlySpan<byte> challenge)
    {
        ThrowIfCompleted();
        if (_step == Step.Failed)
        {
            throw new InvalidOperationException($"The {Name} exchange has already failed; start a new one.");
        }

        try
        {
            switch (_step)
            {
                case Step.Initial:
                    // A server without SASL-IR opens a client-first mechanism with an empty challenge (RFC 4422 section 5).
                    if (!challenge.IsEmpty)
                    {
                        throw new AuthenticationException(
                            $"The server's first {Name} challenge is not empty, but {Name} is client-first and expects an empty one.");
                    }

                    return SendClientFirst();

                case Step.AwaitingServerFirst:
                    var clientFinal = AnswerServerFirst(challenge);
                    _step = Step.AwaitingServerFinal;
                    return clientFinal;

                default:
                    VerifyServerFinal(challenge);
                    _step = Step.Completed;
                    IsCompleted = true;
                    return [];
            }
        }
        catch
        {
            // A half-finished exchange cannot be resumed, and the password is no longer needed.
            _step = Step.Failed;
            _password = null;
            throw;
        }
    }

    private byte[] SendClientFirst()
    {
        _step = Step.AwaitingServerFirst;
        return Encoding.UTF8.GetBytes(_gs2Header + _clientFirstBare);
    }

    // server-first-message = [reserved-mext ","] nonce "," salt "," iteration-count ["," extensions]
    private byte[] AnswerServerFirst(ReadOnlySpan<byte> challenge)
    {
        var serverFirst = DecodeStrict(challenge, "server-first");
        var attributes = serverFirst.Split(',');
        if (attributes[0].StartsWith("m=", StringComparison.Ordinal))
        {
            throw new AuthenticationException(
                $"The server's {Name} challenge requires an extension (m=) this client does not support; RFC 5802 requires failing.");
        }

        if (attributes.Length < 3)
        {
            throw Malformed("server-first", "it needs r=, s= and i= attributes");
        }

        var nonce = Attribute(attributes[0], 'r', "server-first");
        var saltText = Attribute(attributes[1], 's', "server-first");
        var iterationText = Attribute(attributes[2], 'i', "server-first");

        // The server's part must be new: a nonce that merely echoes ours would let a recorded exchange be replayed.
        if (!nonce.StartsWith(_clientNonce, StringComparison.Ordinal) || nonce.Length == _clientNonce.Length)
        {
            throw new AuthenticationException($"The server's {Name} nonce does not extend the client's nonce.");
        }

        if (!IsPrintable(nonce))
        {
            throw Malformed("server-first", "the nonce contains characters other than printable ASCII");
        }

        byte[] salt;
        try
        {
            salt = Convert.FromBase64String(saltText);
        }
        catch (FormatException)
        {
            throw Malformed("server-first", "the salt is not base64");
        }

        if (salt.Length == 0)
        {
            throw Malformed("server-first", "the salt is empty");
        }

        if (!int.TryParse(iterationText, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations <= 0)
        {
            throw Malformed("server-first", $"the iteration count \"{iterationText}\" is not a positive integer");
        }

        if (iterations > MaxIterations)
        {
            throw new AuthenticationException(
                $"The server's {Name} iteration count {iterations} exceeds this client's limit of {MaxIterations}.");
        }

        // Unknown trailing extensions are ignored: only m= (before r=) is mandatory to understand.
        var clientFinalWithoutProof = "c=" + Convert.ToBase64String(Encoding.UTF8.GetBytes(_gs2Header)) + ",r=" + nonce;
        var authMessage = Encoding.UTF8.GetBytes(_clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof);

        var password = Encoding.UTF8.GetBytes(_password!);
        _password = null;
        byte[]? saltedPassword = null, clientKey = null, storedKey = null, clientSignature = null, serverKey = null;
        try
        {
            // RFC 5802 section 3.
            saltedPassword = SaslCrypto.Hi(_algorithm, password, salt, iterations);
            clientKey = SaslCrypto.Hmac(_algorithm, saltedPassword, "Client Key"u8);
            storedKey = SaslCrypto.Hash(_algorithm, clientKey);
            clientSignature = SaslCrypto.Hmac(_algorithm, storedKey, authMessage);
            serverKey = SaslCrypto.Hmac(_algorithm, saltedPassword, "Server Key"u8);
            _expectedServerSignature = SaslCrypto.Hmac(_algorithm, serverKey, authMessage);

            // ClientProof = ClientKey XOR ClientSignature, built in place in clientKey.
            SaslCrypto.Xor(clientKey, clientSignature);
            return Encoding.ASCII.GetBytes(clientFinalWithoutProof + ",p=" + Convert.ToBase64String(clientKey));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
            CryptographicOperations.ZeroMemory(saltedPassword);
            CryptographicOperations.ZeroMemory(clientKey);
            CryptographicOperations.ZeroMemory(storedKey);
            CryptographicOperations.ZeroMemory(clientSignature);
            CryptographicOperations.ZeroMemory(serverKey);
        }
    }

    // server-final-message = (server-error / verifier) ["," extensions]
    private void VerifyServerFinal(ReadOnlySpan<byte> challenge)
    {
        var first = Encoding.UTF8.GetString(challenge).Split(',')[0];
        if (first.StartsWith("e=", StringComparison.Ordinal))
        {
            throw new AuthenticationException($"The server rejected the {Name} exchange: {first[2..]}.");
        }

        byte[] received = [];
        if (first.StartsWith("v=", StringComparison.Ordinal))
        {
            try
            {
                received = Convert.FromBase64String(first[2..]);
            }
            catch (FormatException)
            {
                // Treated as a wrong signature below, so every bad verifier fails the same way.
            }
        }

        if (received.Length == 0 || !CryptographicOperations.FixedTimeEquals(received, _expectedServerSignature))
        {
            throw new AuthenticationException(
                $"The server's {Name} signature is missing or wrong: the server could not prove it knows the password.");
        }
    }

    private string Attribute(string text, char name, string message)
    {
        if (text.Length < 2 || text[0] != name || text[1] != '=')
        {
            throw Malformed(message, $"expected the {name}= attribute but found \"{text}\"");
        }

        return text[2..];
    }

    private string DecodeStrict(ReadOnlySpan<byte> challenge, string message)
    {
        try
        {
            return StrictUtf8.GetString(challenge);
        }
        catch (DecoderFallbackException ex)
        {
            throw new AuthenticationException($"The server's {Name} {message} message is not valid UTF-8.", ex);
        }
    }

    private AuthenticationException Malformed(string message, string detail) =>
        new($"The server's {Name} {message} message is malformed: {detail}.");

    // printable = %x21-2B / %x2D-7E, i.e. visible ASCII without ','.
    private static bool IsPrintable(string value)
    {
        foreach (var c in value)
        {
            if (c is < '\u0021' or > '\u007E' or ',')
            {
                return false;
            }
        }

        return true;
    }

    // 24 random bytes give 32 base64 characters, none of them ','.
    private static string CreateClientNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
}
