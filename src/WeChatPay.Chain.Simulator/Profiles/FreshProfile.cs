namespace WeChatPay.Chain.Simulator.Profiles;

/// <summary>
/// A profile directory that held nothing before a server started on it, so that what the start generated can be
/// removed when the start fails (a port in use): a failed start leaves the directory as it found it.
/// </summary>
internal sealed class FreshProfile
{
    private readonly string _directory;
    private readonly bool _existed;

    private FreshProfile(string directory, bool existed)
    {
        _directory = directory;
        _existed = existed;
    }

    /// <summary>The directory, if it is missing or empty now; null when it holds something, which is never removed.</summary>
    public static FreshProfile? Before(string directory)
    {
        var full = Path.GetFullPath(directory);
        var existed = Directory.Exists(full);
        return existed && Directory.EnumerateFileSystemEntries(full).Any() ? null : new FreshProfile(full, existed);
    }

    /// <summary>Removes what was generated: the directory itself if it was made, else everything now in it.</summary>
    public void Discard()
    {
        try
        {
            if (!_existed)
            {
                if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
                return;
            }
            foreach (var entry in new DirectoryInfo(_directory).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo folder) folder.Delete(recursive: true);
                else entry.Delete();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind, it is still a valid profile; the start's own failure is what the caller needs to see.
        }
    }
}
