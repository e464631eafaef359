namespace ImapClient.Sasl;

/// <summary>The registered names of the SASL mechanisms this library implements, as servers advertise them in <c>AUTH=</c>.</summary>
internal static class SaslMechanismNames
{
    /// <summary>PLAIN (RFC 4616).</summary>
    public const string Plain = "PLAIN";

    /// <summary>LOGIN (draft-murchison-sasl-login).</summary>
    public const string Login = "LOGIN";

    /// <summary>CRAM-MD5 (RFC 2195).</summary>
    public const string CramMd5 = "CRAM-MD5";

    /// <summary>DIGEST-MD5 (RFC 2831).</summary>
    public const string DigestMd5 = "DIGEST-MD5";

    /// <summary>SCRAM-SHA-1 (RFC 5802).</summary>
    public const string ScramSha1 = "SCRAM-SHA-1";

    /// <summary>SCRAM-SHA-256 (RFC 7677).</summary>
    public const string ScramSha256 = "SCRAM-SHA-256";

    /// <summary>XOAUTH2 (Google, Microsoft).</summary>
    public const string XOAuth2 = "XOAUTH2";

    /// <summary>OAUTHBEARER (RFC 7628).</summary>
    public const string OAuthBearer = "OAUTHBEARER";

    /// <summary>EXTERNAL (RFC 4422 appendix A).</summary>
    public const string External = "EXTERNAL";
}
