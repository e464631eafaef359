using System.Text;

namespace ImapClient.Sasl;

/// <summary>The PLAIN mechanism (RFC 4616): the password in clear, so only over TLS.</summary>
internal sealed class PlainMechanism : InitialResponseMechanism
{
    private readonly string _userName;
    private readonly string _authorizationId;
    private string? _password;

    /// <summary>Creates the mechanism for the given credentials.</summary>
    /// <param name="userName">The authentication identity (authcid).</param>
    /// <param name="password">The password.</param>
    /// <param name="authorizationId">The identity to act as (authzid); null or empty to act as <paramref name="userName"/>.</param>
    /// <exception cref="ArgumentException">A value contains NUL, the message's field separator.</exception>
    public PlainMechanism(string userName, string password, string? authorizationId = null)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        RejectNul(userName, nameof(userName));
        RejectNul(password, nameof(password));
        RejectNul(authorizationId ?? string.Empty, nameof(authorizationId));
        _userName = userName;
        _password = password;
        _authorizationId = authorizationId ?? string.Empty;
    }

    /// <inheritdoc/>
    public override string Name => SaslMechanismNames.Plain;

    /// <inheritdoc/>
    protected override byte[] CreateMessage()
    {
        // message = [authzid] UTF8NUL authcid UTF8NUL passwd
        var message = Encoding.UTF8.GetBytes(_authorizationId + "\0" + _userName + "\0" + _password);
        _password = null;
        return message;
    }

    private static void RejectNul(string value, string paramName)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("PLAIN cannot carry NUL, which separates its fields.", paramName);
        }
    }
}
