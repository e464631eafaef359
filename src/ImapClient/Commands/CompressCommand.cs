using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>COMPRESS DEFLATE (RFC 4978): on OK the reader stops at once; everything after the OK is compressed.</summary>
internal sealed class CompressCommand : ImapCommand<ImapStatusResponse>
{
    public override string Name => "COMPRESS";

    public override CommandTraits Traits => CommandTraits.Barrier;

    public override bool IsAllowedIn(ImapConnectionState state) =>
        state is ImapConnectionState.Authenticated or ImapConnectionState.Selected;

    public override void Encode(CommandBuilder builder, ICommandContext context) => builder.Raw("COMPRESS DEFLATE"u8).EndLine();

    protected override ImapStatusResponse BuildResult(ICommandContext context, ImapStatusResponse completion)
    {
        context.RequestTransition(SessionTransition.SwapTransport);
        return completion;
    }
}
