using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>STARTTLS: on OK the reader stops at once, so nothing sent after the OK is read in plaintext.</summary>
internal sealed class StartTlsCommand : ImapCommand<ImapStatusResponse>
{
    public override string Name => "STARTTLS";

    public override CommandTraits Traits => CommandTraits.Barrier;

    public override bool IsAllowedIn(ImapConnectionState state) => state == ImapConnectionState.NotAuthenticated;

    public override void Encode(CommandBuilder builder, ICommandContext context) => builder.Raw("STARTTLS"u8).EndLine();

    protected override ImapStatusResponse BuildResult(ICommandContext context, ImapStatusResponse completion)
    {
        context.RequestTransition(SessionTransition.SwapTransport);
        return completion;
    }
}
