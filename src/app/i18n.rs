//! Every string the app shows, in Vietnamese and English. Each key carries both texts, so a missing
//! translation does not compile; a test also checks none is empty.

use crate::text::Lang;

macro_rules! texts {
    ($($key:ident => $vi:literal, $en:literal;)*) => {
        /// A string of the user interface.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum T { $($key),* }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$key),*];

            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$key, Lang::Vi) => $vi, (T::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

texts! {
    AppName => "giamkhao — chấm thi", "giamkhao — contest judging";
    File => "Tệp", "File";
    NewContest => "Cuộc thi mới (mẫu Hải Phòng)", "New contest (Hải Phòng template)";
    NewContestName => "Cuộc thi mới", "New contest";
    Open => "Mở…", "Open…";
    OpenForAudit => "Mở để kiểm tra (chỉ đọc)…", "Open for audit (read-only)…";
    OpenRecent => "Mở gần đây", "Open recent";
    OpenSample => "Mở cuộc thi mẫu", "Open the sample contest";
    Save => "Lưu", "Save";
    SaveAs => "Lưu thành…", "Save as…";
    Undo => "Hoàn tác", "Undo";
    Redo => "Làm lại", "Redo";
    Quit => "Thoát", "Quit";
    Role => "Vai trò", "Role";
    RoleOrganizer => "Ban tổ chức", "Organizer";
    RoleJudge => "Giám khảo", "Judge";
    RoleAuditor => "Kiểm tra (chỉ đọc)", "Auditor (read-only)";
    Language => "Ngôn ngữ", "Language";
    Dark => "Tối", "Dark";
    Light => "Sáng", "Light";
    Unsaved => "chưa lưu", "unsaved";
    NavContest => "Cuộc thi", "Contest";
    NavSubmissions => "Dự án", "Submissions";
    NavScoring => "Chấm điểm", "Scoring";
    NavProgress => "Tiến độ", "Progress";
    NavResults => "Kết quả", "Results";
    NavAudit => "Nhật ký", "Audit log";
    NothingOpen => "Chưa mở cuộc thi nào. Mở một tệp, hoặc mở cuộc thi mẫu.", "No contest is open. Open a file, or the sample contest.";
    Search => "Tìm kiếm", "Search";
    SearchHint => "Tìm theo tên, mã, đơn vị, trưởng nhóm…", "Search by title, id, organization, leader…";
    Category => "Bảng", "Category";
    AllCategories => "Tất cả các bảng", "All categories";
    Id => "Mã", "Id";
    Title => "Tên dự án", "Title";
    Organization => "Đơn vị", "Organization";
    Leader => "Trưởng nhóm", "Leader";
    Sector => "Lĩnh vực", "Sector";
    Members => "Thành viên", "Members";
    Contact => "Liên hệ", "Contact";
    Description => "Mô tả", "Description";
    Attachments => "Tài liệu đính kèm", "Attachments";
    OpenAttachment => "Mở", "Open";
    OpenAttachmentTitle => "Mở tệp đính kèm?", "Open the attachment?";
    HandedToSystem => "Đã chuyển cho chương trình mặc định của máy để mở (nếu không thấy gì mở ra, máy chưa có chương trình cho loại này):", "Handed to the computer's usual program to open (if nothing opens, no program for this kind is installed):";
    Shown => "đang hiện", "shown";
    Rank => "Hạng", "Rank";
    Score => "Điểm", "Score";
    Sheets => "Phiếu", "Sheets";
    Award => "Giải", "Award";
    Flags => "Ghi chú", "Flags";
    NotEligible => "Không đủ ĐK", "Not eligible";
    Provisional => "KẾT QUẢ TẠM THỜI — còn trường hợp đồng hạng chờ hội đồng quyết định", "PROVISIONAL RESULTS — a tie awaits the council's decision";
    RecordDecision => "Ghi quyết định của hội đồng…", "Record the council's decision…";
    DecisionTitle => "Quyết định của hội đồng", "Council decision";
    DecisionOrder => "Xếp thứ tự", "Order";
    DecisionShare => "Đồng giải (tất cả cùng nhận)", "Shared award (all take the tier)";
    DecisionAdvanceAll => "Tất cả vào vòng sau", "All advance";
    MoveUp => "Lên", "Up";
    MoveDown => "Xuống", "Down";
    DecidedBy => "Người quyết định", "Decided by";
    DecidedByHint => "Họ tên, ví dụ chủ tịch hội đồng", "Full name, e.g. the council's chair";
    WhoTitle => "Ai đang làm việc?", "Who is working?";
    WhoText => "Mọi thay đổi trong phiên được ghi vào nhật ký kèm họ tên người thực hiện. Hãy ghi họ và tên đầy đủ của bạn; giamkhao sẽ nhớ cho lần sau.", "Every change to the session is logged with the full name of who made it. Give your full name; giamkhao remembers it for next time.";
    YourName => "Họ và tên của bạn", "Your full name";
    Working => "Người thực hiện", "Working as";
    NotNamed => "(chưa ghi tên)", "(no name yet)";
    Reason => "Lý do", "Reason";
    Confirm => "Ghi lại", "Record";
    Cancel => "Hủy", "Cancel";
    ReasonNeeded => "Cần ghi lý do.", "A reason is needed.";
    Round => "Vòng", "Round";
    Method => "Cách tính", "Method";
    PreviewMethod => "Xem thử cách tính", "Preview method";
    PreviewNote => "Chỉ xem thử — quy chế đã lưu không đổi.", "Preview only — the saved rules are unchanged.";
    KeepMethod => "Áp dụng vào quy chế", "Apply to the rules";
    MethodMean => "Trung bình", "Mean";
    MethodTrimmed => "Bỏ cao/thấp nhất", "Trimmed mean";
    MethodMedian => "Trung vị", "Median";
    MethodZScore => "Điểm z", "Z-score";
    MyProgress => "Đã chấm", "Scored";
    StatusNotStarted => "chưa chấm", "not started";
    StatusPartial => "đang chấm", "partial";
    StatusComplete => "đã xong", "complete";
    StatusRecused => "đã rút", "recused";
    StatusConflict => "xung đột lợi ích", "conflict of interest";
    ConflictAdvice => "Điểm của bạn cho dự án này sẽ không được tính. Hãy rút khỏi chấm (nút bên dưới), ghi lý do.", "Your scores for this project will not count. Recuse (the button below), with the reason.";
    Comment => "Nhận xét", "Comment";
    Total => "Tổng", "Total";
    Recuse => "Rút khỏi chấm dự án này (xung đột lợi ích)…", "Recuse (conflict of interest)…";
    RecuseTitle => "Rút khỏi chấm", "Recuse";
    RecuseMeans => "Bạn sẽ không chấm dự án này; điểm bạn đã cho dự án này (nếu có) không được tính. Lý do được ghi vào phiếu chấm và ban tổ chức sẽ thấy.", "You will not score this project; any scores you gave it are not counted. The reason goes on your scoresheet, and the organizers will see it.";
    Unrecuse => "Hủy rút", "Withdraw recusal";
    RecusedBecause => "Đã rút, lý do:", "Recused, reason:";
    HandIn => "Nộp phiếu chấm…", "Hand in scoresheet…";
    HandedIn => "Đã ghi phiếu chấm:", "Scoresheet written:";
    SignedWith => "đã ký bằng khóa của máy này", "signed with this computer's key";
    NotSigned => "chưa ký (máy này không có thư mục dữ liệu để giữ khóa ký)", "not signed (this computer has no data folder to keep a signing key in)";
    KeyProblem => "Khóa ký của máy này:", "This computer's signing key:";
    KeyFingerprint => "Khóa ký phiếu của máy này (đọc cho ban tổ chức khi được hỏi)", "This computer's key for signing scoresheets (read it out to the organizers when asked)";
    KeyFailed => "Không nộp phiếu: không đọc được khóa ký của máy này —", "Not handed in: this computer's signing key could not be read —";
    NextUnscored => "Dự án chưa chấm tiếp theo", "Next unscored submission";
    OutOfRange => "Điểm phải từ 0 đến", "The score must be from 0 to";
    OffStep => "Điểm phải là bội số của", "The score must be a multiple of";
    NotANumber => "Không phải số điểm (ví dụ 8,5)", "Not a number of points (e.g. 8.5)";
    TooManyDecimals => "Tối đa 2 chữ số thập phân", "At most 2 decimal places";
    NotSaved => "Chưa lưu — sửa lại ô này", "Not saved — fix this field";
    MapByHand => "Chưa nhập gì. Nếu đây đúng là danh sách đăng ký, hãy tự chọn cột cho từng mục bên dưới.", "Nothing is imported. If this really is a registration list, choose the column for each field below.";
    UnsavedFields => "ô chưa lưu (sửa lại rồi mới nộp được)", "field(s) not saved (fix them before handing in)";
    HandInBlocked => "Chưa nộp phiếu: còn điểm bị từ chối, chưa lưu.", "Not handed in: some scores were refused and are not saved.";
    ExportPackets => "Xuất gói cho tất cả giám khảo…", "Export packets for all judges…";
    ExportedPackets => "Đã xuất gói giám khảo vào", "Judge packets written to";
    ImportSheets => "Nhập phiếu chấm…", "Import scoresheets…";
    MergeReport => "Kết quả gộp phiếu", "Merge report";
    Complete => "đủ", "complete";
    Partial => "thiếu", "partial";
    Missing => "chưa có", "missing";
    Conflict => "xung đột", "conflict";
    Judge => "Giám khảo", "Judge";
    Judges => "Giám khảo", "Judges";
    Criteria => "Tiêu chí", "Criteria";
    Criterion => "Tiêu chí", "Criterion";
    Max => "Tối đa", "Max";
    Step => "Bước", "Step";
    Weight => "Hệ số", "Weight";
    WeightedMinimum => "Điểm TB tối thiểu, đã nhân hệ số", "Minimum mean, weighted";
    RemoveLevel => "Xóa mức", "Remove level";
    CriterionMean => "Điểm trung bình tiêu chí (đã nhân hệ số)", "Criterion mean (weighted)";
    TotalsColours => "Màu điểm của giám khảo:", "Judges' totals:";
    Recused => "rút khỏi chấm", "recused";
    RecusedMark => "rút", "rec.";
    ContestSealed => "Phiên đã niêm phong nên không sửa được cài đặt cuộc thi. Nếu thật cần sửa: màn «Kết quả» → «Mở niêm phong…», ghi lý do (được ghi vào nhật ký), rồi niêm phong lại.", "The session is sealed, so the contest's set-up cannot be changed. If it really must be: Results → “Unseal…”, with a reason (it goes into the log), then seal again.";
    ContestReadOnly => "Phiên đang mở để kiểm tra (chỉ đọc): mọi thứ xem được, không sửa được.", "The session is open for audit (read-only): everything can be seen, nothing changed.";
    ContestJudge => "Cài đặt cuộc thi do ban tổ chức quyết định; giám khảo chỉ xem.", "The contest's set-up is the organizers'; judges see it only.";
    RemoveConflict => "Xóa xung đột", "Remove conflict";
    MaximumTotal => "Tổng điểm tối đa", "Maximum total";
    Rubric => "Thang đánh giá", "Rubric";
    Tiers => "Cơ cấu giải", "Award tiers";
    Count => "Số lượng", "Count";
    MinScore => "Điểm tối thiểu", "Minimum score";
    Prize => "Giá trị giải", "Prize";
    Rules => "Quy chế chấm", "Scoring rules";
    Categories => "Các bảng", "Categories";
    Rounds => "Các vòng", "Rounds";
    ContestName => "Tên cuộc thi", "Contest name";
    Organizer => "Đơn vị tổ chức", "Organizer";
    Place => "Địa điểm", "Place";
    Date => "Ngày", "Date";
    Decimals => "Số chữ số thập phân", "Decimals";
    AuditWhen => "Thời gian", "When";
    AuditWho => "Người thực hiện", "Who";
    AuditWhat => "Loại", "Kind";
    AuditTarget => "Nội dung", "What";
    AuditOld => "Cũ", "Old";
    AuditNew => "Mới", "New";
    AuditNote => "Cách ghi nhận / lý do", "How / why";
    AllKinds => "Mọi loại", "All kinds";
    FilterJudge => "Lọc theo giám khảo", "Filter by judge";
    FilterSubmission => "Lọc theo dự án", "Filter by submission";
    Entries => "mục", "entries";
    ReadOnly => "Chỉ đọc", "Read-only";
    SampleWelcome => "Đây là cuộc thi mẫu để xem thử giamkhao. Giám khảo: hãy mở gói chấm (.gkgoi) ban tổ chức gửi — nhấp đúp vào tệp, hoặc Tệp → Mở…", "This is a sample contest, to try giamkhao. Judges: open the packet (.gkgoi) the organizers sent — double-click the file, or File → Open…";
    SampleCopy => "Cuộc thi mẫu: khi lưu sẽ hỏi nơi lưu bản sao.", "Sample contest: saving asks where to save a copy.";
    Saved => "Đã lưu", "Saved";
    UnsavedTitle => "Có thay đổi chưa lưu", "Unsaved changes";
    UnsavedQuestion => "Lưu thay đổi trước khi đóng?", "Save the changes before closing?";
    SaveAndClose => "Lưu rồi đóng", "Save and close";
    DiscardAndClose => "Đóng, bỏ thay đổi", "Close without saving";
    OpenFailed => "Không mở được tệp", "Could not open the file";
    SaveFailed => "Không lưu được", "Could not save";
    ChangedKeepWork => "Các thay đổi của bạn vẫn còn ở đây, chưa lưu (và được giữ để khôi phục nếu máy tắt). Hãy dùng «Lưu thành…» để lưu bản của bạn sang một tệp mới; rồi mở lại tệp gốc (bản người kia đã lưu) và làm lại các thay đổi của bạn trên đó — Nhật ký của bản bạn vừa lưu liệt kê chúng.", "Your changes are still here, unsaved (and kept for recovery if the computer stops). Use “Save as…” to save your version as a new file; then open the original file again (the version the other person saved) and make your changes again there — the Audit log of the copy you saved lists them.";
    NoJudgeRole => "Phần chấm điểm dành cho giám khảo: hãy mở gói giám khảo (.ron) của bạn.", "Scoring is for judges: open your judge packet (.ron).";
    ScoringAsOrganizer => "Ban tổ chức xem tiến độ chấm ở mục «Tiến độ».", "Organizers follow the scoring under “Progress”.";
    Dropped => "Thả tệp vào đây để mở hoặc nhập", "Drop files here to open or import";
    Info => "Thông tin chung", "General";
    AddCriterion => "Thêm tiêu chí", "Add criterion";
    AddTier => "Thêm giải", "Add tier";
    AddJudge => "Thêm giám khảo", "Add judge";
    AddCategory => "Thêm bảng", "Add category";
    Remove => "Xóa", "Remove";
    InUse => "Đang được dùng (đã có điểm, dự án hoặc quyết định) — không xóa được", "In use (scores, submissions or decisions refer to it) — cannot be removed";
    TieBreak => "Thứ tự xét khi bằng điểm", "Tie-break chain";
    ScopeOverall => "Xét giải toàn cuộc thi", "Awards over the whole contest";
    ScopePerCategory => "Xét giải theo từng bảng", "Awards per category";
    CheckDivergence => "Xét chênh lệch", "Check divergence";
    Threshold => "Ngưỡng (điểm)", "Threshold (points)";
    ActionFlag => "Đưa ra thảo luận, vẫn tính", "Flag for discussion, still count";
    ActionExclude => "Loại phiếu chênh lệch", "Exclude the divergent sheet";
    MinJudges => "Số phiếu tối thiểu", "Minimum sheets";
    VacancyVacant => "Suất không đủ điều kiện để trống", "Unfilled slots stay vacant";
    VacancyCascade => "Suất trống chuyển xuống giải sau", "Unfilled slots pass to the next tier";
    Drop => "Bỏ mỗi đầu", "Drop at each end";
    From => "Khi có từ (phiếu)", "From (sheets)";
    NotApplied => "Chưa áp dụng:", "Not applied:";
    Name => "Tên", "Name";
    AddLevel => "Thêm mức", "Add level";
    FromPoints => "Từ", "From";
    ToPoints => "Đến", "To";
    Text => "Mô tả mức", "Level text";
    DeclaredConflicts => "Xung đột lợi ích đã khai báo", "Declared conflicts";
    AddConflict => "Thêm xung đột", "Add conflict";
    CategoryCounts => "Số giải theo từng bảng", "Counts per category";
    AddRound => "Thêm vòng", "Add round";
    RoundName => "Tên vòng", "Round name";
    Advancement => "Vào vòng sau", "Advancement";
    TopN => "Số dự án vào vòng sau", "How many advance";
    ListedConflicts => "Cặp xung đột do ban tổ chức xác định", "Conflicts listed by the organizers";
    ImportRegistrations => "Nhập danh sách đăng ký (Excel/CSV)…", "Import registrations (Excel/CSV)…";
    ImportTitle => "Nhập danh sách đăng ký", "Import registrations";
    Reading => "Đang đọc", "Reading";
    NegativeScore => "Điểm không được âm", "A score cannot be negative";
    NavPaper => "Phiếu giấy", "Paper sheets";
    PaperJudge => "Phiếu của giám khảo", "Sheet of judge";
    FirstEntry => "Lần nhập 1", "First entry";
    SecondEntry => "Lần nhập 2", "Second entry";
    PaperHelp => "Nhập phiếu chấm giấy hai lần, mỗi lần không nhìn lần kia (nên do hai người). Phiếu chỉ được tính khi hai lần nhập khớp nhau và được xác nhận.", "Type the paper scoresheet twice, each without seeing the other (ideally two people). It counts only when both match and are confirmed.";
    PaperCompare => "So sánh hai lần nhập", "The two entries compared";
    PaperNothingYet => "Chưa nhập lần nào.", "Nothing typed yet.";
    Scores => "điểm", "scores";
    SameTypist => "Cả hai lần do cùng một người nhập.", "Both entries were typed by the same person.";
    Blank => "trống", "blank";
    NotTypedYet => "chưa nhập", "not typed yet";
    PaperMatch => "Hai lần nhập khớp nhau.", "The two entries match.";
    TypingFinished => "Lần nhập này đã đánh dấu xong; bấm «Mở lại để sửa» nếu cần sửa.", "This entry is marked finished; choose “Open again to correct” to change it.";
    FinishTyping => "Đánh dấu lần nhập này đã xong", "Mark this entry finished";
    ReopenTyping => "Mở lại để sửa", "Open again to correct";
    TypingDone => "đã xong", "finished";
    TypingOpen => "đang nhập", "being typed";
    PaperBlind => "Hai lần nhập được so sánh khi cả hai đã đánh dấu xong; trước đó không lần nào thấy lần kia.", "The two entries are compared once both are marked finished; until then neither sees the other.";
    ConfirmPaper => "Xác nhận phiếu (tính điểm)", "Confirm the sheet (it counts)";
    Submission => "Dự án", "Project";
    FilterCriterion => "Tiêu chí", "Criterion";
    FilterChannel => "Qua", "Through";
    RecoverTitle => "Khôi phục thay đổi chưa lưu?", "Recover unsaved changes?";
    RecoverText => "Lần trước giamkhao đóng khi còn thay đổi chưa lưu (mất điện, máy treo…). Các thay đổi đã được giữ lại:", "Last time giamkhao closed with unsaved changes (a power cut, a crash…). They were kept:";
    NeverSaved => "cuộc thi chưa lưu", "a contest never saved";
    KeptAt => "giữ lúc", "kept at";
    Recover => "Khôi phục", "Recover";
    DropRecovery => "Bỏ đi", "Discard";
    SealedNoEdit => "Phiên đã niêm phong: mở niêm phong (có ghi lý do) để sửa.", "The session is sealed: unseal it (with a reason) to change it.";
    Finalize => "Hoàn tất và niêm phong…", "Finalize and seal…";
    FinalizeTitle => "Hoàn tất kết quả", "Finalize the results";
    FinalizeText => "Niêm phong ghi lại mã SHA-256 của toàn bộ điểm, quy tắc, quyết định và kết quả. Sau đó phiên chỉ đọc, mã được in trên mọi bản xuất và biên bản để ký. Tệp được lưu ngay (phiên chưa có tệp sẽ hỏi nơi lưu).", "Sealing records a SHA-256 digest of every score, rule, decision and result. The session becomes read-only, and the digest is printed on every export and on the report to sign. The file is saved at once (a session not yet in a file asks where).";
    SealNow => "Niêm phong", "Seal";
    SealedBy => "Họ tên người thực hiện", "Your full name";
    SealNotSaved => "Chưa niêm phong: phiên chưa được lưu vào tệp. Niêm phong chỉ có hiệu lực khi đã lưu.", "Not sealed: the session was not saved to a file. A seal only counts once it is saved.";
    UnsealNotSaved => "Vẫn niêm phong: việc mở niêm phong chưa được lưu vào tệp.", "Still sealed: unsealing was not saved to the file.";
    SealedBanner => "Đã niêm phong", "Sealed";
    Unseal => "Mở niêm phong…", "Unseal…";
    UnsealTitle => "Mở niêm phong", "Unseal";
    UnsealReason => "Lý do mở niêm phong", "Reason for unsealing";
    UnsealNow => "Mở niêm phong", "Unseal";
    Verify => "Kiểm tra…", "Verify…";
    VerifyTitle => "Kiểm tra kết quả và niêm phong", "Verify the results and the seal";
    PaperDigest => "Mã trên biên bản giấy (không bắt buộc)", "Digest on the paper report (optional)";
    VerifyNow => "Kiểm tra", "Verify";
    Close => "Đóng", "Close";
    Help => "Trợ giúp", "Help";
    OpenElsewhere => "tệp này đang mở ở một cửa sổ giamkhao khác, nên ở đây chỉ để xem, không sửa được. Hãy làm việc ở cửa sổ kia (các thay đổi chưa lưu ở đó vẫn nguyên).", "this file is open in another giamkhao window, so here it can only be looked at, not changed. Work in the other window (its unsaved changes are still there).";
    SaveOpenElsewhere => "Không lưu: một cửa sổ giamkhao khác đang mở tệp này, hãy đóng nó ở đó hoặc chọn tên khác —", "Not saved: another giamkhao window has this file open; close it there or choose another name —";
    SheetNotMerged => "phiếu chấm này chưa được gộp. Phiếu chấm được gộp vào phiên chấm (.gkphien): hãy mở phiên (Tệp → Mở…) rồi kéo phiếu vào cửa sổ; nếu phiên đang mở ở một cửa sổ khác, hãy kéo phiếu vào cửa sổ đó.", "this scoresheet was not merged. A scoresheet is merged into a session (.gkphien): open the session (File → Open…), then drag the sheet onto the window; if the session is open in another window, drag the sheet onto that window.";
    NewWindowFailed => "Không mở được cửa sổ mới cho tệp", "Could not open a new window for";
    About => "Giới thiệu giamkhao", "About giamkhao";
    AboutText => "Chấm thi khởi nghiệp đổi mới sáng tạo: điểm giữ chính xác, giải thưởng tính theo quy tắc viết sẵn, mọi thay đổi ghi nhật ký, kết quả niêm phong.", "Judging for startup and innovation contests: exact scores, awards by written rules, every change in the audit log, sealed results.";
    Version => "Phiên bản", "Version";
    License => "Giấy phép: MIT hoặc Apache-2.0 (tùy chọn một trong hai).", "License: MIT or Apache-2.0, at your option.";
    Graphics => "Đồ hoạ", "Graphics";
    FileKinds => "Các loại tệp: .gkphien — phiên chấm của ban tổ chức; .gkgoi — gói chấm của một giám khảo; .gkphieu — phiếu chấm giám khảo nộp lại. Tệp .ron (cách đặt tên cũ) vẫn mở được.", "File kinds: .gkphien — the organizers' session; .gkgoi — a judge's packet; .gkphieu — a judge's handed-in scoresheet. .ron files (as older versions named them) still open.";
    DataFolder => "Thư mục dữ liệu của ứng dụng (tên người làm)", "The app's data folder (your name)";
    RecoveryFolder => "Thay đổi chưa lưu được giữ tạm ở", "Unsaved changes are kept aside in";
    RowsRead => "dòng đã đọc", "rows read";
    StopReading => "Dừng", "Stop";
    ColumnFor => "Cột cho", "Column for";
    NoColumn => "(không dùng)", "(not used)";
    Preview => "Xem trước", "Preview";
    RowsWithProblems => "Dòng có lỗi (sẽ bỏ qua)", "Rows with problems (left out)";
    ImportGood => "Nhập các dòng hợp lệ", "Import the valid rows";
    ImportDone => "Đã nhập", "Imported";
    AddedOrChanged => "dự án mới hoặc thay đổi", "submissions added or changed";
    NeedTitle => "Cần chọn cột tên dự án.", "Choose the title column.";
    ExportXlsx => "Xuất kết quả và danh sách đạt giải ra Excel (.xlsx)…", "Export results and awards to Excel (.xlsx)…";
    ExportCsv => "Xuất kết quả ra CSV…", "Export results to CSV…";
    Exported => "Đã xuất", "Exported";
    ExportReport => "Xuất biên bản tổng hợp (PDF)…", "Export the signed report (PDF)…";
    ExportAwards => "Xuất danh sách đạt giải (PDF)…", "Export the award list (PDF)…";
    ExportBlankSheets => "In phiếu chấm trống (PDF)…", "Print blank scoresheets (PDF)…";
    ExportBlankXlsx => "Phiếu chấm trống ra Excel (.xlsx)…", "Blank scoresheets to Excel (.xlsx)…";
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn every_key_has_both_languages_in_nfc() {
        for key in T::ALL {
            for lang in [Lang::Vi, Lang::En] {
                let s = key.get(lang);
                assert!(!s.trim().is_empty(), "{key:?} is empty in {lang:?}");
                assert_eq!(s.nfc().collect::<String>(), s, "{key:?} in {lang:?} is not NFC");
            }
        }
    }
}
