using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>THREAD or UID THREAD (RFC 5256): <c>THREAD algorithm charset keys</c>, answered by <c>* THREAD (…)…</c>.</summary>
internal sealed class ThreadCommand(ThreadAlgorithm algorithm, SearchQuery query, bool byUid)
    : SearchCommandBase<IReadOnlyList<ThreadNode>>("THREAD", query, byUid, CommandTraits.ClaimsThread)
{
    private readonly List<ThreadNode> _threads = [];

    public override void Encode(CommandBuilder builder, ICommandContext context)
    {
        var name = AlgorithmName(algorithm);
        if (!context.Capabilities.Contains("THREAD=" + name))
        {
            throw new NotSupportedException($"This server does not offer THREAD={name} (RFC 5256).");
        }

        SearchCriteria.ThrowIfUnsupported(Query, context.Capabilities);
        builder.Raw(Name).Space().Raw(name).Space();
        SearchCriteria.WriteWithCharset(builder, Query);
        builder.EndLine();
    }

    protected override bool WouldClaim(ImapUnparsableResponse response) => response.Keyword == "THREAD";

    public override bool TryClaim(ImapResponse response)
    {
        if (response is not ImapThreadResponse thread)
        {
            return false;
        }

        _threads.AddRange(thread.Threads);
        return true;
    }

    protected override IReadOnlyList<ThreadNode> BuildResult(ICommandContext context, ImapStatusResponse completion) => _threads;

    private static string AlgorithmName(ThreadAlgorithm algorithm) => algorithm switch
    {
        ThreadAlgorithm.OrderedSubject => "ORDEREDSUBJECT",
        ThreadAlgorithm.References => "REFERENCES",
        ThreadAlgorithm.Refs => "REFS",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not a thread algorithm."),
    };
}
