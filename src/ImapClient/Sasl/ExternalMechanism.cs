using System.Text;

namespace ImapClient.Sasl;

/// <summary>The EXTERNAL mechanism (RFC 4422 appendix A): the server authenticates the client by other means, such as a TLS client certificate.</summary>
internal sealed class ExternalMechanism : InitialResponseMechanism
{
    private readonly string _authorizationId;

    /// <summary>Creates the mechanism.</summary>
    /// <param name="authorizationId">The identity to act as; null or empty to act as the identity the server derived from the external credentials.</param>
    public ExternalMechanism(string? authorizationId = null) => _authorizationId = authorizationId ?? string.Empty;

    /// <inheritdoc/>
    public override string Name => SaslMechanismNames.External;

    /// <inheritdoc/>
    protected override byte[] CreateMessage() => Encoding.UTF8.GetBytes(_authorizationId);
}
