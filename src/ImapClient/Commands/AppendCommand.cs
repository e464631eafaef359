using System.Globalization;
using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>
/// APPEND mailbox [flags] [date] literal. The message is streamed from its source when the command is written; with a
/// synchronizing literal a tagged NO (TRYCREATE, TOOBIG …) arrives before any of it is sent.
/// </summary>
internal sealed class AppendCommand(
    string mailbox, MessageFlags? flags, DateTimeOffset? internalDate, long length, Func<Stream, CancellationToken, Task> write)
    : ImapCommand<AppendResult>
{
    public override string Name => "APPEND";

    /// <summary>Its codes are about the mailboxes it names, not the selected one.</summary>
    public override bool CompletionDescribesSelectedMailbox => false;

    public override bool IsAllowedIn(ImapConnectionState state) =>
        state is ImapConnectionState.Authenticated or ImapConnectionState.Selected;

    public override void Encode(CommandBuilder builder, ICommandContext context)
    {
        builder.Raw("APPEND "u8).AString(context.MailboxToWire(mailbox));
        if (flags is not null)
        {
            builder.Space().FlagList(flags);
        }

        if (internalDate is { } date)
        {
            builder.Space().DateTime(date);
        }

        builder.Space().StreamedLiteral(length, write).EndLine();
    }

    protected override AppendResult BuildResult(ICommandContext context, ImapStatusResponse completion)
    {
        // [APPENDUID uidvalidity uid]: a single APPEND gets a single UID.
        if (completion.Code is { Name: "APPENDUID", Arguments: { } arguments }
            && arguments.Split(' ') is [var validity, var uid]
            && uint.TryParse(validity, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            && uint.TryParse(uid, NumberStyles.None, CultureInfo.InvariantCulture, out var u))
        {
            return new AppendResult(v, u);
        }

        return new AppendResult(null, null);
    }
}
