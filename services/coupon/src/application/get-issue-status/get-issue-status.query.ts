import { IssueStatus } from '../../domain';
import { IssueAdmission, IssueRequestRepository, UnitOfWork } from '../ports';

export interface IssueStatusRequest {
  couponId: string;
  userId: string;
}

/**
 * The cache answers the hot polling path; the DB (source of truth) answers when the cache has nothing or
 * says PENDING (a request being issued right now, or a cache that missed the write after the commit).
 */
export class GetIssueStatusQuery<Tx> {
  constructor(
    private readonly uow: UnitOfWork<Tx>,
    private readonly requests: IssueRequestRepository<Tx>,
    private readonly admission: IssueAdmission,
  ) {}

  async execute({ couponId, userId }: IssueStatusRequest): Promise<IssueStatus> {
    const cached = await this.admission.statusOf(couponId, userId);
    if (cached && cached !== 'PENDING') return cached;
    const recorded = await this.uow.run((tx) => this.requests.statusOf(tx, couponId, userId));
    return cached === 'PENDING' && recorded === 'NOT_REQUESTED' ? 'PENDING' : recorded;
  }
}
