using System.Globalization;

namespace ImapClient.TestServer;

/// <summary>A process as /proc names it; the start time tells a process from a later one that reused its pid.</summary>
internal readonly record struct ProcessIdentity(int Pid, long StartTime);

/// <summary>Reads /proc to follow Dovecot's child processes, which .NET's Process class cannot enumerate.</summary>
internal static class ProcessTree
{
    public static ProcessIdentity? Identify(int pid) =>
        Stat(pid) is { } stat ? new ProcessIdentity(pid, stat.StartTime) : null;

    /// <summary>True while the process exists and is not a zombie (a stopped master stays a zombie for a moment).</summary>
    public static bool IsRunning(ProcessIdentity process) =>
        Stat(process.Pid) is { State: not ('Z' or 'X') } stat && stat.StartTime == process.StartTime;

    public static IReadOnlyList<ProcessIdentity> Descendants(int root)
    {
        var children = new Dictionary<int, List<ProcessIdentity>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Stat(pid) is { } stat)
            {
                if (!children.TryGetValue(stat.ParentPid, out var list))
                {
                    children[stat.ParentPid] = list = [];
                }

                list.Add(new ProcessIdentity(pid, stat.StartTime));
            }
        }

        var result = new List<ProcessIdentity>();
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
        {
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                result.Add(child);
                pending.Push(child.Pid);
            }
        }

        return result;
    }

    private static (char State, int ParentPid, long StartTime)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name in parentheses may itself hold spaces or parentheses, so fields count from the last ')'.
        // After it come: state (field 3), ppid (4), ... starttime (22).
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[19], CultureInfo.InvariantCulture));
    }
}
