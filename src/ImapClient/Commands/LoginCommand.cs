using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>LOGIN user password. Both are sent as atoms, quoted strings or literals as their content needs.</summary>
internal sealed class LoginCommand(string userName, string password) : ImapCommand<ImapStatusResponse>
{
    public override string Name => "LOGIN";

    public override CommandTraits Traits => CommandTraits.Barrier;

    public override bool IsAllowedIn(ImapConnectionState state) => state == ImapConnectionState.NotAuthenticated;

    public override void Encode(CommandBuilder builder, ICommandContext context)
    {
        if (context.Capabilities.LoginDisabled)
        {
            throw new InvalidOperationException(
                "The server disabled LOGIN (LOGINDISABLED): authenticate with a SASL mechanism or secure the connection first.");
        }

        builder.Raw("LOGIN "u8).AString(userName).Space().Secret(b => b.AString(password)).EndLine();
    }

    protected override ImapStatusResponse BuildResult(ICommandContext context, ImapStatusResponse completion)
    {
        context.RequestTransition(SessionTransition.Authenticated);
        return completion;
    }

    protected override Exception CreateFailure(ImapStatusResponse completion) => new ImapAuthenticationException(completion);
}
