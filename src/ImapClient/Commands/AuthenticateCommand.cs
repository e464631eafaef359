using System.Text;
using ImapClient.Protocol;
using ImapClient.Sasl;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>
/// AUTHENTICATE: a conversation of base64 challenges and responses driven by a SASL mechanism. When the mechanism
/// rejects a challenge (a server that cannot prove itself), the exchange is cancelled with <c>*</c> so the server
/// answers with its tagged BAD and the stream stays in sync.
/// </summary>
internal sealed class AuthenticateCommand(SaslMechanism mechanism) : ImapCommand<ImapStatusResponse>
{
    private Exception? _mechanismFailure;
    private CancellationToken _cancelledBy;
    private bool _cancelled;

    public override string Name => "AUTHENTICATE";

    public override CommandTraits Traits => CommandTraits.Barrier;

    public override bool Converses => true;

    public override bool IsAllowedIn(ImapConnectionState state) => state == ImapConnectionState.NotAuthenticated;

    public override void Encode(CommandBuilder builder, ICommandContext context)
    {
        builder.Raw("AUTHENTICATE "u8).Raw(mechanism.Name);
        if (mechanism.SupportsInitialResponse && context.Capabilities.SaslInitialResponse)
        {
            var initial = mechanism.GetInitialResponse();
            builder.Space().Secret(b => b.Raw(initial.Length == 0 ? "=" : Convert.ToBase64String(initial)));
        }

        builder.EndLine();
    }

    public override ReadOnlyMemory<byte>? CancelConversation(CancellationToken cancellationToken)
    {
        if (_cancelled)
        {
            return null;
        }

        _cancelled = true;
        _cancelledBy = cancellationToken;
        return "*\r\n"u8.ToArray();
    }

    public override ReadOnlyMemory<byte>? Answer(ImapContinuationResponse continuation)
    {
        if (_mechanismFailure is not null)
        {
            return "*\r\n"u8.ToArray();
        }

        try
        {
            var challenge = Convert.FromBase64String(continuation.Text.Trim());
            var response = mechanism.Respond(challenge);
            return Encoding.ASCII.GetBytes(Convert.ToBase64String(response) + "\r\n");
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Authentication.AuthenticationException or InvalidOperationException)
        {
            _mechanismFailure = ex is FormatException
                ? new ImapProtocolException($"The server's {mechanism.Name} challenge is not base64: {continuation.Text}", ex)
                : ex;
            return "*\r\n"u8.ToArray();
        }
    }

    protected override ImapStatusResponse BuildResult(ICommandContext context, ImapStatusResponse completion)
    {
        context.RequestTransition(SessionTransition.Authenticated);
        if (_mechanismFailure is not null || !mechanism.IsCompleted)
        {
            throw new ImapAuthenticationException(
                $"The server accepted {mechanism.Name} but did not prove its identity; the connection is authenticated, but it may not be the server you meant.",
                _mechanismFailure);
        }

        return completion;
    }

    protected override Exception CreateFailure(ImapStatusResponse completion) =>
        _cancelled
            ? new OperationCanceledException($"{mechanism.Name} authentication was cancelled; the server ended it with: {completion.Describe()}", _cancelledBy)
            : _mechanismFailure is { } failure
            ? new ImapAuthenticationException($"{mechanism.Name} authentication failed: {failure.Message}", failure)
            : new ImapAuthenticationException(completion, mechanism switch
            {
                XOAuth2Mechanism x => x.ErrorJson,
                OAuthBearerMechanism o => o.ErrorJson,
                _ => null,
            });
}
