using System.Text;

namespace ImapClient.Sasl;

/// <summary>The GS2 header and <c>saslname</c> escaping (RFC 5801) that SCRAM and OAUTHBEARER messages begin with.</summary>
internal static class Gs2Header
{
    /// <summary>The header of a client that does not use channel binding: <c>n,,</c>, or <c>n,a=authzid,</c> with an authorization identity.</summary>
    /// <exception cref="ArgumentException">The authorization identity contains NUL.</exception>
    public static string Create(string? authorizationId) =>
        string.IsNullOrEmpty(authorizationId) ? "n,," : "n,a=" + EscapeSaslName(authorizationId) + ",";

    /// <summary>Escapes a <c>saslname</c>: <c>=</c> becomes <c>=3D</c> and <c>,</c> becomes <c>=2C</c>, since both delimit the message.</summary>
    /// <exception cref="ArgumentException">The name contains NUL, which a <c>saslname</c> cannot carry.</exception>
    public static string EscapeSaslName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A SASL name cannot contain NUL.", nameof(name));
        }

        if (name.AsSpan().IndexOfAny(',', '=') < 0)
        {
            return name;
        }

        var builder = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            if (c == '=')
            {
                builder.Append("=3D");
            }
            else if (c == ',')
            {
                builder.Append("=2C");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
