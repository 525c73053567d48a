/* core/reason.h — why a scan or action was refused, in words an operator can act on.
 * Every refusal has a stable code (for logs and tests) and a message in Korean and
 * English. Templates take {n} (a process number), {a}, {b}, {c} (texts). */
#ifndef STN_CORE_REASON_H
#define STN_CORE_REASON_H

#include "base/status.h"

#define CORE_REASONS(X)                                                                          \
    X(R_OK, "OK", "OK")                                                                          \
    X(R_BAD_SCAN, "Not a valid barcode ({a}). Scan a LOT, WIP ID, serial or command.",           \
      "올바른 바코드가 아닙니다 ({a}). LOT, WIP ID, 시리얼 또는 명령을 스캔하세요.")              \
    X(R_UNKNOWN_ID, "{a} is not known. Check the label and scan again.",                        \
      "{a}: 등록되지 않은 번호입니다. 라벨을 확인하고 다시 스캔하세요.")                          \
    X(R_WRONG_KIND, "{a} cannot be worked at process {n}: scan {b}.",                            \
      "{a}은(는) 공정 {n}에서 작업할 수 없습니다: {b}을(를) 스캔하세요.")                          \
    X(R_SCRAPPED, "{a} is SCRAPPED. Put it in the scrap bin; it cannot be worked.",              \
      "{a}은(는) 폐기되었습니다. 폐기함에 넣으세요. 작업할 수 없습니다.")                          \
    X(R_CONVERTED, "{a} is already serial {b}. Scan the serial label instead.",                  \
      "{a}은(는) 이미 시리얼 {b}(으)로 전환되었습니다. 시리얼 라벨을 스캔하세요.")                \
    X(R_LOT_CLOSED, "Lot {a} is {b}. No more work can be recorded in it.",                       \
      "LOT {a}은(는) {b} 상태입니다. 더 이상 작업을 기록할 수 없습니다.")                         \
    X(R_OPEN_ELSEWHERE, "{a} is in progress at process {n}, station {b} since {c}. Finish it there first.", \
      "{a}은(는) 공정 {n} 스테이션 {b}에서 {c}부터 작업 중입니다. 그곳에서 먼저 완료하세요.")     \
    X(R_ALREADY_PASSED, "{a} already PASSED process {n}. Send it to the next process.",         \
      "{a}은(는) 이미 공정 {n}을(를) 합격했습니다. 다음 공정으로 보내세요.")                       \
    X(R_PREV_NOT_PASSED, "Process {n} ({b}) is not PASSED for {a}. Take it to process {n} first.", \
      "{a}: 공정 {n} ({c})이(가) 완료(합격)되지 않았습니다. 먼저 공정 {n}(으)로 보내세요.")       \
    X(R_ON_HOLD, "{a} is ON HOLD after a FAIL at process {n} ({b}). Call a supervisor: REWORK or SCRAP.", \
      "{a}은(는) 공정 {n} ({c}) 불합격으로 보류 중입니다. 관리자를 호출하세요: 재작업 또는 폐기.") \
    X(R_PROCESS_INACTIVE, "Process {n} is not active in the routing. Ask the administrator.",   \
      "공정 {n}은(는) 라우팅에서 비활성 상태입니다. 관리자에게 문의하세요.")                      \
    X(R_NOT_STARTED, "{a} has no open attempt at process {n}. Scan it once to start.",           \
      "{a}은(는) 공정 {n}에서 착공되지 않았습니다. 먼저 스캔하여 착공하세요.")                     \
    X(R_ALREADY_COMPLETED, "{a} was already completed at process {n} ({b}). Nothing changed.",   \
      "{a}은(는) 공정 {n}에서 이미 완공되었습니다 ({c}). 변경 사항 없음.")                         \
    X(R_DEFECT_REQUIRED, "A FAIL needs a defect code. Scan one from the command sheet.",         \
      "불합격에는 불량 코드가 필요합니다. 명령 시트에서 불량 코드를 스캔하세요.")                  \
    X(R_DEFECT_UNKNOWN, "Defect {a} does not belong to process {n}. Use this process's codes.",  \
      "불량 코드 {a}은(는) 공정 {n}의 코드가 아닙니다. 이 공정의 코드를 사용하세요.")             \
    X(R_FIELD_REQUIRED, "{a} is required before PASS. Enter or scan it.",                        \
      "합격 전에 {b} 값이 필요합니다. 입력하거나 스캔하세요.")                                     \
    X(R_FIELD_INVALID, "{a}: '{c}' is not a valid value. Enter it again.",                       \
      "{b}: '{c}'은(는) 올바른 값이 아닙니다. 다시 입력하세요.")                                  \
    X(R_NOT_COMPLETED, "{a} has not finished processes 1 to {n}. Missing: process {b}.",         \
      "{a}은(는) 공정 1~{n}을(를) 마치지 않았습니다. 누락: 공정 {b}.")                              \
    X(R_ROLE, "Only a supervisor (MANAGER or ADMIN) can do this. Scan a supervisor badge.",      \
      "관리자(MANAGER 또는 ADMIN)만 할 수 있습니다. 관리자 배지를 스캔하세요.")                    \
    X(R_NOT_ON_HOLD, "{a} is not on hold: there is no FAIL to decide.",                          \
      "{a}은(는) 보류 상태가 아닙니다: 결정할 불합격이 없습니다.")                                 \
    X(R_NOT_REWORKABLE, "Process {n} cannot be reworked. Only SCRAP is possible.",              \
      "공정 {n}은(는) 재작업할 수 없습니다. 폐기만 가능합니다.")                                   \
    X(R_REWORK_LIMIT, "{a} was reworked {b} times (limit {c}). Only SCRAP is possible.",        \
      "{a}은(는) 이미 {b}회 재작업되었습니다 (한도 {c}). 폐기만 가능합니다.")                       \
    X(R_REASON_REQUIRED, "A reason is required. Choose one or type it.",                        \
      "사유가 필요합니다. 선택하거나 입력하세요.")                                                 \
    X(R_LABEL_MISMATCH, "LABEL MISMATCH: expected {a}, scanned {b}. Remove the wrong label.",   \
      "라벨 불일치: {a} 예상, {b} 스캔됨. 잘못된 라벨을 제거하세요.")                               \
    X(R_LABEL_NOT_PRINTED, "The label of {a} was not printed. Ask a supervisor to REPRINT.",     \
      "{a}의 라벨이 출력되지 않았습니다. 관리자에게 재출력을 요청하세요.")                          \
    X(R_LOT_FULL, "Lot {a} already has {n} units (its target). Create a new lot.",               \
      "LOT {a}에 이미 {n}개가 있습니다 (목표 수량). 새 LOT을 생성하세요.")                         \
    X(R_NO_LOT, "Scan a LOT first.", "먼저 LOT을 스캔하세요.")                                   \
    X(R_LOT_NOT_DONE, "Lot {a} still has {n} units not PASSED or SCRAPPED.",                     \
      "LOT {a}에 아직 합격/폐기되지 않은 제품이 {n}개 있습니다.")                                  \
    X(R_BAD_INPUT, "{a}", "{b}")                                                                  \
    X(R_BADGE_UNKNOWN, "Badge {a} is not registered or not active.",                            \
      "배지 {a}은(는) 등록되지 않았거나 비활성입니다.")                                            \
    X(R_BAD_PIN, "Wrong PIN ({n} of 5). After 5 the badge is locked for 10 minutes.",           \
      "PIN이 틀렸습니다 ({n}/5). 5회 틀리면 배지가 10분간 잠깁니다.")                              \
    X(R_BADGE_LOCKED, "Badge {a} is locked until {b} after 5 wrong PINs.",                      \
      "배지 {a}은(는) PIN 5회 오류로 {b}까지 잠겼습니다.")                                         \
    X(R_NOT_RECORDED, "NOT RECORDED: the database connection was lost. Scan again.",            \
      "기록되지 않음: 데이터베이스 연결이 끊겼습니다. 다시 스캔하세요.")                           \
    X(R_UNKNOWN_OUTCOME, "Connection lost while saving: scan {a} again to see whether it was recorded.", \
      "저장 중 연결이 끊겼습니다: {a}을(를) 다시 스캔하여 기록 여부를 확인하세요.")                \
    X(R_BUSY, "NOT RECORDED: the database is busy. Scan again.",                                \
      "기록되지 않음: 데이터베이스가 바쁩니다. 다시 스캔하세요.")                                  \
    X(R_DB_ERROR, "NOT RECORDED: database error. Call the administrator.",                      \
      "기록되지 않음: 데이터베이스 오류입니다. 관리자를 호출하세요.")

#define CORE_REASON_ENUM(code, en, ko) CORE_##code,
enum core_reason { CORE_REASONS(CORE_REASON_ENUM) CORE_REASON_COUNT };
#undef CORE_REASON_ENUM

struct core_refusal {
    enum core_reason code;
    char en[240];
    char ko[300];
};

/* Fills why from the templates; any text argument may be NULL (""). */
void core_refuse(struct core_refusal *why, enum core_reason code, int n, const char *a,
                 const char *b, const char *c);
const char *core_reason_name(enum core_reason code); /* "R_ON_HOLD" */
/* The message in the wanted language (ko != 0 for Korean). */
const char *core_refusal_text(const struct core_refusal *why, int ko);

/* The refusal for a database error code: R_BUSY (busy, scan again), R_UNKNOWN_OUTCOME
 * (the connection was lost after COMMIT was sent: commit_sent), R_NOT_RECORDED (lost
 * before), R_DB_ERROR (anything else). what names the unit or badge. */
void core_refuse_db(struct core_refusal *why, enum stn_code code, int commit_sent,
                    const char *what);

#endif
